/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-number: the input is a number as a clerk might type it, for sdb_vn_parse_int; "A/B" or
 * "A/B/D" also makes a share A of B shown with D decimals. The input's first bytes, taken as
 * integers, feed the formatting and percentage functions over their whole range.
 *
 * Properties: an accepted number is the one its digits say (checked against GLib's own parser)
 * and comes back from its formatted form; formatted numbers group thousands by three with ".";
 * every percentage is the exact share rounded half away from zero (checked with 128-bit
 * arithmetic), there is none of a zero denominator, and its text ("117,3%") and JSON ("117.3")
 * forms say exactly that value. */
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

static const gint64 untouched = G_GINT64_CONSTANT (-424242);

static guint64
pow10u (guint n)
{
  guint64 r = 1;

  while (n-- > 0)
    r *= 10;
  return r;
}

/* Reads "1.234.567" (groups of three after the first, of one to three digits) into @value. */
static void
read_grouped (const char  *text,
              gsize        len,
              __int128    *value)
{
  gsize group = 0;
  gboolean first = TRUE;

  g_assert_cmpuint (len, >, 0);
  *value = 0;
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '.')
        {
          g_assert_true (first ? group >= 1 && group <= 3 : group == 3);
          first = FALSE;
          group = 0;
          continue;
        }
      g_assert_true (g_ascii_isdigit (text[i]));
      *value = *value * 10 + (text[i] - '0');
      group++;
    }
  g_assert_true (first ? group >= 1 && group <= 3 : group == 3);
  /* No leading zero but in "0" itself. */
  g_assert_true (text[0] != '0' || len == 1);
}

static void
check_format_int (gint64 value)
{
  g_autofree char *text = sdb_vn_format_int (value);
  const char *digits = text;
  __int128 read;
  gint64 back = untouched;
  g_autoptr(GError) error = NULL;

  if (*digits == '-')
    digits++;
  g_assert_true ((value < 0) == (digits != text));
  read_grouped (digits, strlen (digits), &read);
  g_assert_true ((value < 0 ? -read : read) == (__int128) value);

  if (value == G_MININT64)
    {
      /* Its magnitude is one past what a gint64 holds positive: refused, not wrapped. */
      g_assert_false (sdb_vn_parse_int (text, &back, &error));
      g_assert_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE);
      g_assert_cmpint (back, ==, untouched);
    }
  else
    {
      g_assert_true (sdb_vn_parse_int (text, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, value);
    }
}

static gboolean
check_parse_int (const char *text,
                 gint64     *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  gint64 parsed = untouched, expected = 0;
  char *w;

  if (!sdb_vn_parse_int (text, &parsed, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SDB_VN_ERROR);
      g_assert_cmpint (parsed, ==, untouched);
      return FALSE;
    }
  g_assert_no_error (error);

  /* The same digits read by GLib, once the spaces around and the group marks are gone. */
  plain = g_strstrip (g_strdup (text));
  w = plain;
  for (const char *r = plain; *r != '\0'; r++)
    if (*r != '.')
      *w++ = *r;
  *w = '\0';
  g_assert_true (plain[0] == '-' || g_ascii_isdigit (plain[0]));
  g_assert_true (g_ascii_string_to_signed (plain, 10, G_MININT64, G_MAXINT64,
                                           (gint64 *) &expected, NULL));
  g_assert_cmpint (parsed, ==, expected);

  check_format_int (parsed);
  *value = parsed;
  return TRUE;
}

/* The share, rounded half away from zero at 10^-@decimals percent, by quotient and remainder. */
static gint64
expected_scaled (gint64 numerator,
                 gint64 denominator,
                 guint  decimals)
{
  __int128 n = numerator < 0 ? -(__int128) numerator : numerator;
  __int128 d = denominator < 0 ? -(__int128) denominator : denominator;
  __int128 t = n * 100 * (__int128) pow10u (decimals);
  __int128 q = t / d;
  __int128 r = t % d;

  if (2 * r >= d)
    q++;
  return (numerator < 0) != (denominator < 0) ? -(gint64) q : (gint64) q;
}

/* Reads "-1.234,5%" back into units of 10^-@decimals, checking its form on the way. */
static gint64
read_percent (const char *text,
              guint       decimals)
{
  gsize len = strlen (text);
  const char *p = text;
  const char *comma;
  gboolean negative = FALSE;
  __int128 whole, frac = 0, value;
  gsize shown = 0;

  g_assert_true (len >= 2 && text[len - 1] == '%');
  len--;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
      len--;
    }
  comma = memchr (p, ',', len);
  read_grouped (p, comma != NULL ? (gsize) (comma - p) : len, &whole);
  if (comma != NULL)
    {
      shown = len - (gsize) (comma + 1 - p);
      /* A shown trailing 0 is dropped, so a fraction is never empty and never ends in 0. */
      g_assert_cmpuint (shown, >=, 1);
      g_assert_cmpuint (shown, <=, decimals);
      g_assert_true (comma[shown] != '0');
      for (gsize i = 1; i <= shown; i++)
        {
          g_assert_true (g_ascii_isdigit (comma[i]));
          frac = frac * 10 + (comma[i] - '0');
        }
    }
  value = whole * (__int128) pow10u (decimals) + frac * (__int128) pow10u (decimals - shown);
  g_assert_true (!negative || value != 0);
  return negative ? -(gint64) value : (gint64) value;
}

/* Reads "117.3" or "-0.5" back into tenths. */
static void
check_tenths_json (gint64 tenths)
{
  g_autofree char *json = sdb_vn_format_tenths_json (tenths);
  const char *p = json;
  const char *dot;
  __int128 value = 0;

  if (*p == '-')
    p++;
  g_assert_true ((tenths < 0) == (p != json));
  dot = strchr (p, '.');
  g_assert_nonnull (dot);
  g_assert_true (dot > p && g_ascii_isdigit (dot[1]) && dot[2] == '\0');
  g_assert_true (p[0] != '0' || dot == p + 1);
  for (const char *c = p; c < dot; c++)
    {
      g_assert_true (g_ascii_isdigit (*c));
      value = value * 10 + (*c - '0');
    }
  value = value * 10 + (dot[1] - '0');
  g_assert_true ((tenths < 0 ? -value : value) == (__int128) tenths);
}

static void
check_percent (gint64 numerator,
               gint64 denominator,
               guint  decimals)
{
  gint64 scaled = untouched, tenths = untouched;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;

  g_assert_true (numerator >= -SDB_VN_COUNT_MAX && numerator <= SDB_VN_COUNT_MAX);
  g_assert_true (denominator >= -SDB_VN_COUNT_MAX && denominator <= SDB_VN_COUNT_MAX);
  g_assert_cmpuint (decimals, <=, SDB_VN_PERCENT_MAX_DECIMALS);

  text = sdb_vn_format_percent (numerator, denominator, decimals);
  json = sdb_vn_percent_json (numerator, denominator);
  if (denominator == 0)
    {
      g_assert_false (sdb_vn_percent_scaled (numerator, denominator, decimals, &scaled));
      g_assert_false (sdb_vn_percent_tenths (numerator, denominator, &tenths));
      g_assert_cmpint (scaled, ==, untouched);
      g_assert_cmpint (tenths, ==, untouched);
      g_assert_null (text);
      g_assert_cmpstr (json, ==, "null");
      return;
    }

  g_assert_true (sdb_vn_percent_scaled (numerator, denominator, decimals, &scaled));
  g_assert_cmpint (scaled, ==, expected_scaled (numerator, denominator, decimals));
  g_assert_nonnull (text);
  g_assert_cmpint (read_percent (text, decimals), ==, scaled);

  g_assert_true (sdb_vn_percent_tenths (numerator, denominator, &tenths));
  g_assert_cmpint (tenths, ==, expected_scaled (numerator, denominator, 1));
  {
    g_autofree char *from_tenths = sdb_vn_format_tenths_json (tenths);

    g_assert_cmpstr (json, ==, from_tenths);
  }
  check_tenths_json (tenths);
}

static gint64
clamp_count (guint64 raw)
{
  return (gint64) raw % (SDB_VN_COUNT_MAX + 1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = sdb_fuzz_dup_text (data, size);
  g_auto(GStrv) parts = NULL;
  gint64 value;
  size_t pos = 0;

  check_parse_int (text, &value);

  /* "A/B" or "A/B/D": a share as the program is asked for one. */
  parts = g_strsplit (text, "/", 4);
  if (g_strv_length (parts) == 2 || g_strv_length (parts) == 3)
    {
      gint64 n, d, decimals = 1;

      if (check_parse_int (parts[0], &n) && check_parse_int (parts[1], &d)
          && (parts[2] == NULL || check_parse_int (parts[2], &decimals))
          && n >= -SDB_VN_COUNT_MAX && n <= SDB_VN_COUNT_MAX
          && d >= -SDB_VN_COUNT_MAX && d <= SDB_VN_COUNT_MAX
          && decimals >= 0 && decimals <= SDB_VN_PERCENT_MAX_DECIMALS)
        check_percent (n, d, (guint) decimals);
    }

  /* The raw bytes, over the whole range of each function. */
  {
    guint64 a = sdb_fuzz_take_u64 (data, size, &pos);
    guint64 b = sdb_fuzz_take_u64 (data, size, &pos);
    guint64 c = sdb_fuzz_take_u64 (data, size, &pos);

    check_format_int ((gint64) a);
    check_tenths_json ((gint64) b);
    check_percent (clamp_count (a), clamp_count (b), (guint) (c % (SDB_VN_PERCENT_MAX_DECIMALS + 1)));
    /* Small counts, as a committee has: where the exact halves are. */
    check_percent ((gint64) (a % 2001) - 1000, (gint64) (b % 2001) - 1000, (guint) (c % 4));
  }
  return 0;
}
