/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sdb-test.h"
#include "sdb-xlsx.h"

/* Reading the files back --------------------------------------------------------------------- */

/* Reads the workbook back in one run of Python (each run costs a third of a second): the cells
 * of the first sheet, one line each, "ref|type|value|number format|b when bold|formula" with
 * strings (shared or kept in their cell, type "s" either way) and styles resolved; then, after
 * a \x1e each, the sheet's XML, every string, one a line, and the workbook's XML as stored. */
static const char read_script[] =
  "import sys, zipfile\n"
  "import xml.etree.ElementTree as ET\n"
  "z = zipfile.ZipFile(sys.argv[1])\n"
  "def part(name):\n"
  "    return z.read(name) if name in z.namelist() else b''\n"
  "m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'\n"
  "strings = []\n"
  "if part('xl/sharedStrings.xml'):\n"
  "    for si in ET.fromstring(part('xl/sharedStrings.xml')).iter(m + 'si'):\n"
  "        strings.append(''.join(t.text or '' for t in si.iter(m + 't')))\n"
  "styles = ET.fromstring(part('xl/styles.xml'))\n"
  "codes = {f.get('numFmtId'): f.get('formatCode') for f in styles.iter(m + 'numFmt')}\n"
  "bold = [f.find(m + 'b') is not None for f in styles.find(m + 'fonts')]\n"
  "xfs = list(styles.find(m + 'cellXfs'))\n"
  "lines = []\n"
  "for c in ET.fromstring(part('xl/worksheets/sheet1.xml')).iter(m + 'c'):\n"
  "    t = c.get('t', 'n')\n"
  "    v = c.find(m + 'v')\n"
  "    f = c.find(m + 'f')\n"
  "    value = v.text if v is not None else ''\n"
  "    if t == 's':\n"
  "        value = strings[int(value)]\n"
  "    elif t == 'inlineStr':\n"
  "        t = 's'\n"
  "        value = ''.join(x.text or '' for x in c.find(m + 'is').iter(m + 't'))\n"
  "        strings.append(value)\n"
  "    xf = xfs[int(c.get('s', '0'))]\n"
  "    fmt = codes.get(xf.get('numFmtId', '0'), xf.get('numFmtId', '0'))\n"
  "    b = 'b' if bold[int(xf.get('fontId', '0'))] else ''\n"
  "    lines.append('|'.join([c.get('r'), t, value, fmt, b, f.text if f is not None else '']))\n"
  "out = sys.stdout.buffer\n"
  "out.write(('\\n'.join(lines) + '\\n').encode('utf-8'))\n"
  "out.write(b'\\x1e' + part('xl/worksheets/sheet1.xml'))\n"
  "out.write(b'\\x1e' + '\\n'.join(strings).encode('utf-8'))\n"
  "out.write(b'\\x1e' + part('xl/workbook.xml'))\n";

typedef struct
{
  char *cells;
  char *sheet;
  char *strings;
  char *workbook;
} Parts;

static void
parts_clear (Parts *parts)
{
  g_free (parts->cells);
  g_free (parts->sheet);
  g_free (parts->strings);
  g_free (parts->workbook);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parts, parts_clear)

static void
read_parts (const char *xlsx,
            Parts      *parts)
{
  const char *argv[] = { "python3", "-c", read_script, xlsx, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) pieces = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_test_message ("python3: %s", err);
  g_assert_no_error (error);

  pieces = g_strsplit (out, "\x1e", -1);
  g_assert_cmpuint (g_strv_length (pieces), ==, 4);
  parts->cells = g_strdup (pieces[0]);
  parts->sheet = g_strdup (pieces[1]);
  parts->strings = g_strdup (pieces[2]);
  parts->workbook = g_strdup (pieces[3]);
}

/* The line of the cell @ref in the cells read back, without the reference: "n|1236|0||". */
static char *
cell (const char *cells,
      const char *ref)
{
  g_autofree char *all = g_strconcat ("\n", cells, NULL);
  g_autofree char *prefix = g_strconcat ("\n", ref, "|", NULL);
  const char *start = strstr (all, prefix);

  if (start == NULL)
    return NULL;
  start += strlen (prefix);
  return g_strndup (start, strcspn (start, "\n"));
}

/* Numbers are compared as numbers: libxlsxwriter prints 0.938 with 16 digits, as
 * 0.9379999999999999, the same double to Excel, which reads 15. */
static gboolean
cell_matches (const char *found,
              const char *expected)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  if (found == NULL || expected == NULL)
    return found == expected;
  a = g_strsplit (found, "|", -1);
  b = g_strsplit (expected, "|", -1);
  if (g_strv_length (a) != g_strv_length (b) || g_strv_length (a) < 2)
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    {
      char *end_a;
      char *end_b;
      double x;
      double y;

      if (g_str_equal (a[i], b[i]))
        continue;
      if (i != 1 || !g_str_equal (a[0], "n") || *a[i] == '\0' || *b[i] == '\0')
        return FALSE;
      x = g_ascii_strtod (a[i], &end_a);
      y = g_ascii_strtod (b[i], &end_b);
      if (*end_a != '\0' || *end_b != '\0' || ABS (x - y) > 1e-12 * MAX (1.0, ABS (y)))
        return FALSE;
    }
  return TRUE;
}

#define assert_cell(cells, ref, expected) \
  G_STMT_START { \
    g_autofree char *found_ = cell ((cells), (ref)); \
    if (!cell_matches (found_, (expected))) \
      g_assert_cmpstr (found_, ==, (expected)); \
  } G_STMT_END

/* The reference of the first cell holding the text @label, with its column changed to @col. */
static char *
ref_beside (const char *cells,
            const char *label,
            const char *col)
{
  g_autofree char *needle = g_strconcat ("|s|", label, "|", NULL);
  const char *hit = strstr (cells, needle);
  const char *line;

  g_assert_nonnull (hit);
  line = hit;
  while (line > cells && line[-1] != '\n')
    line--;
  while (g_ascii_isalpha (*line))
    line++;
  return g_strdup_printf ("%s%.*s", col, (int) (hit - line), line);
}

#define assert_beside(cells, label, col, expected) \
  G_STMT_START { \
    g_autofree char *ref_ = ref_beside ((cells), (label), (col)); \
    assert_cell ((cells), ref_, (expected)); \
  } G_STMT_END

/* The element <pane .../> of a sheet's XML. */
static char *
pane_of (const char *sheet)
{
  const char *start = strstr (sheet, "<pane ");

  g_assert_nonnull (start);
  return g_strndup (start, strcspn (start, ">") + 1);
}

/* Writing them ------------------------------------------------------------------------------- */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sdb-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "bảng.xlsx", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sdb_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

#define XLSX_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

static GPtrArray *
rows_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

static void
add_row (GPtrArray  *rows,
         const char *first,
         ...)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *text = first;
  va_list args;

  va_start (args, first);
  for (; text != NULL; text = va_arg (args, const char *))
    g_strv_builder_add (builder, text);
  va_end (args);
  g_ptr_array_add (rows, g_strv_builder_end (builder));
  g_strv_builder_unref (builder);
}

static const SdbXlsxColumn member_columns[] = {
  { "Họ và tên", SDB_XLSX_TEXT, FALSE },
  { "Ngày vào Đảng", SDB_XLSX_DATE, FALSE },
  { "Tuổi Đảng", SDB_XLSX_INTEGER, FALSE },
};

static void
write_members (Fixture    *f,
               const char *title,
               GPtrArray  *rows)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_xlsx_write_table (f->path, "Đảng viên", title, member_columns,
                                       G_N_ELEMENTS (member_columns), rows, &error));
  g_assert_no_error (error);
}

/* Writes @rows under @columns, without a sheet name or title, and reads the file back into
 * @xlsx (whatever it held before is let go). */
static void
write_and_read (Fixture             *f,
                const SdbXlsxColumn *columns,
                guint                n_columns,
                GPtrArray           *rows,
                Parts               *xlsx)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_xlsx_write_table (f->path, NULL, NULL, columns, n_columns, rows, &error));
  g_assert_no_error (error);
  parts_clear (xlsx);
  *xlsx = (Parts) { NULL };
  read_parts (f->path, xlsx);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Names of the files in @dir, sorted, joined by "/". */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("/", (char **) names->pdata);
}

/* Tables ------------------------------------------------------------------------------------- */

static void
test_table_has_tt_column_and_vietnamese_headers (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_auto(Parts) xlsx = { NULL };

  add_row (rows, "Nguyễn Văn Hòa", "1975-05-19", "49", NULL);
  add_row (rows, "Lò Thị Mai", "2019-11-02", "5", NULL);
  write_members (f, NULL, rows);
  read_parts (f->path, &xlsx);

  g_assert_nonnull (strstr (xlsx.strings, "Họ và tên"));
  g_assert_nonnull (strstr (xlsx.strings, "Nguyễn Văn Hòa"));

  /* In every language of the program: the sheet is the office's. */
  assert_cell (xlsx.cells, "A1", "s|TT|0|b|");
  assert_cell (xlsx.cells, "B1", "s|Họ và tên|0|b|");
  assert_cell (xlsx.cells, "D1", "s|Tuổi Đảng|0|b|");
  /* The rows are numbered 1, 2, … as numbers. */
  assert_cell (xlsx.cells, "A2", "n|1|0||");
  assert_cell (xlsx.cells, "A3", "n|2|0||");
  assert_cell (xlsx.cells, "B3", "s|Lò Thị Mai|0||");
  /* Written row by row, the strings are kept in their cells: no shared table is built. */
  g_assert_nonnull (strstr (xlsx.sheet, "<c r=\"B3\" s=\"3\" t=\"inlineStr\"><is><t>Lò Thị Mai</t>"));
  /* Nothing is summed when no column asks for it. */
  g_assert_null (strstr (xlsx.cells, "SUM("));
  assert_cell (xlsx.cells, "A4", NULL);
}

static void
test_header_row_is_frozen (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_auto(Parts) xlsx = { NULL };
  g_autofree char *pane = NULL;

  add_row (rows, "Nguyễn Văn Hòa", "1975-05-19", "49", NULL);
  write_members (f, NULL, rows);
  read_parts (f->path, &xlsx);
  pane = pane_of (xlsx.sheet);

  g_assert_nonnull (strstr (pane, "ySplit=\"1\""));
  g_assert_nonnull (strstr (pane, "state=\"frozen\""));
  /* Only rows scroll: no column is frozen. */
  g_assert_null (strstr (pane, "xSplit"));
}

static void
test_title_goes_above_the_header (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_auto(Parts) xlsx = { NULL };
  g_autofree char *pane = NULL;

  add_row (rows, "Nguyễn Văn Hòa", "1975-05-19", "49", NULL);
  write_members (f, "DANH SÁCH ĐẢNG VIÊN", rows);
  read_parts (f->path, &xlsx);
  pane = pane_of (xlsx.sheet);

  assert_cell (xlsx.cells, "A1", "s|DANH SÁCH ĐẢNG VIÊN|0|b|");
  g_assert_nonnull (strstr (xlsx.sheet, "<mergeCell ref=\"A1:D1\"/>"));
  assert_cell (xlsx.cells, "B2", "s|Họ và tên|0|b|");
  assert_cell (xlsx.cells, "A3", "n|1|0||");
  g_assert_nonnull (strstr (pane, "ySplit=\"2\""));
  g_assert_nonnull (strstr (pane, "state=\"frozen\""));
}

static void
test_integers_and_dates_are_numbers_not_text (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_auto(Parts) xlsx = { NULL };

  add_row (rows, "Nguyễn Văn Hòa", "2024-02-05", "1236", NULL);
  write_members (f, NULL, rows);
  read_parts (f->path, &xlsx);

  /* 5 February 2024 is day 45327 of Excel's calendar, shown as Vietnamese write dates. */
  assert_cell (xlsx.cells, "C2", "n|45327|dd/mm/yyyy||");
  assert_cell (xlsx.cells, "D2", "n|1236|0||");
  g_assert_nonnull (strstr (xlsx.sheet, "<v>1236</v>"));
}

static void
test_partial_date_is_text (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_auto(Parts) xlsx = { NULL };

  add_row (rows, "Nguyễn Văn Hòa", "1975-05", "49", NULL);
  add_row (rows, "Lò Thị Mai", "1980", "44", NULL);
  add_row (rows, "Vì Văn Pấng", "", "", NULL);
  write_members (f, NULL, rows);
  read_parts (f->path, &xlsx);

  assert_cell (xlsx.cells, "C2", "s|05/1975|0||");
  assert_cell (xlsx.cells, "C3", "s|1980|0||");
  /* Empty cells are blank, still in their column's format and border. */
  assert_cell (xlsx.cells, "C4", "n||dd/mm/yyyy||");
  assert_cell (xlsx.cells, "D4", "n||0||");
}

static void
test_cell_not_of_its_type_stays_text (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_auto(Parts) xlsx = { NULL };

  add_row (rows, "Nguyễn Văn Hòa", "31/04/2024", "1.236", NULL);
  add_row (rows, "Lò Thị Mai", "2024-02-30", "12 năm", NULL);
  write_members (f, NULL, rows);
  read_parts (f->path, &xlsx);

  assert_cell (xlsx.cells, "C2", "s|31/04/2024|0||");
  assert_cell (xlsx.cells, "D2", "s|1.236|0||");
  assert_cell (xlsx.cells, "C3", "s|2024-02-30|0||");
  assert_cell (xlsx.cells, "D3", "s|12 năm|0||");
}

/* libxlsxwriter formats numbers with printf: under a Vietnamese LC_NUMERIC a careless writer
 * stores "1,057", which Excel refuses. The test sets that locale itself where it exists, so
 * that the C run checks it too. */
static void
test_percent_is_a_number_in_any_locale (Fixture       *f,
                                        gconstpointer  data)
{
  static const SdbXlsxColumn columns[] = {
    { "Tổ chức", SDB_XLSX_TEXT, FALSE },
    { "Tỷ lệ kết nạp", SDB_XLSX_PERCENT, FALSE },
  };
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_auto(Parts) xlsx = { NULL };
  gboolean ok;

  if (setlocale (LC_NUMERIC, "vi_VN.UTF-8") == NULL)
    g_test_message ("vi_VN.UTF-8 is not installed; the numbers use the test's locale");

  add_row (rows, "Chi bộ thôn Bản Mòng", "105.7", NULL);
  add_row (rows, "Chi bộ trường Tiểu học", "", NULL);
  add_row (rows, "Chi bộ Công an xã", "78", NULL);
  ok = sdb_xlsx_write_table (f->path, NULL, NULL, columns, G_N_ELEMENTS (columns), rows, &error);
  setlocale (LC_NUMERIC, saved);
  g_assert_no_error (error);
  g_assert_true (ok);
  read_parts (f->path, &xlsx);

  assert_cell (xlsx.cells, "C2", "n|1.057|0.0%||");
  assert_cell (xlsx.cells, "C3", "n||0.0%||");
  assert_cell (xlsx.cells, "C4", "n|0.78|0.0%||");
  g_assert_null (strstr (xlsx.sheet, "<v>1,057</v>"));
  /* Nor any other number of the sheet: widths, margins. */
  g_assert_false (g_regex_match_simple ("=\"[0-9]+,[0-9]+\"", xlsx.sheet, 0, 0));
}

static void
test_totals_row_sums_marked_columns (Fixture       *f,
                                     gconstpointer  data)
{
  static const SdbXlsxColumn columns[] = {
    { "Tổ chức", SDB_XLSX_TEXT, FALSE },
    { "Số đảng viên", SDB_XLSX_INTEGER, TRUE },
    { "Tỷ lệ", SDB_XLSX_PERCENT, FALSE },
    { "Kết nạp", SDB_XLSX_INTEGER, TRUE },
  };
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Parts) xlsx = { NULL };
  g_autofree char *label = NULL;

  add_row (rows, "Chi bộ thôn Bản Mòng", "31", "105.7", "4", NULL);
  add_row (rows, "Chi bộ trường Tiểu học", "12", "50", "", NULL);
  g_assert_true (sdb_xlsx_write_table (f->path, "Tổ chức", NULL, columns, G_N_ELEMENTS (columns),
                                       rows, &error));
  g_assert_no_error (error);
  read_parts (f->path, &xlsx);

  g_assert_nonnull (strstr (xlsx.sheet, "<f>SUM("));
  g_assert_nonnull (strstr (xlsx.strings, C_("spreadsheet", "Total")));
  /* The label spans the row numbers and the text before the first sum. */
  label = g_strdup_printf ("s|%s|0|b|", C_("spreadsheet", "Total"));
  assert_cell (xlsx.cells, "A4", label);
  g_assert_nonnull (strstr (xlsx.sheet, "<mergeCell ref=\"A4:B4\"/>"));
  /* Each sum holds its value, for viewers that do not recalculate. */
  assert_cell (xlsx.cells, "C4", "n|43|0|b|SUM(C2:C3)");
  assert_cell (xlsx.cells, "D4", "n||0|b|");
  assert_cell (xlsx.cells, "E4", "n|4|0|b|SUM(E2:E3)");
}

static void
test_totals_of_no_rows_are_zero (Fixture       *f,
                                 gconstpointer  data)
{
  static const SdbXlsxColumn columns[] = {
    { "Số đảng viên", SDB_XLSX_INTEGER, TRUE },
  };
  g_autoptr(GPtrArray) rows = rows_new ();
  g_auto(Parts) xlsx = { NULL };
  g_autofree char *label = NULL;

  write_and_read (f, columns, G_N_ELEMENTS (columns), rows, &xlsx);

  /* A sum over no rows would read SUM(B2:B1), the header included. */
  label = g_strdup_printf ("s|%s|0|b|", C_("spreadsheet", "Total"));
  assert_cell (xlsx.cells, "A2", label);
  assert_cell (xlsx.cells, "B2", "n|0|0|b|");
}

/* Excel stores a width of n digits of its font as n + 0.71: "16.7…" is 16 digits. */
static void
test_columns_fit_their_longest_text_and_rows_its_lines (Fixture       *f,
                                                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_auto(Parts) xlsx = { NULL };

  add_row (rows, "Nguyễn Văn Hòa", "1975-05-19", "49", NULL);
  add_row (rows, "Lò Thị Mai", "2024", "5", NULL);
  write_members (f, NULL, rows);
  read_parts (f->path, &xlsx);

  /* 14 characters, three capitals among them, are 15 digits wide, and a margin; a date;
   * "Tuổi Đảng" wraps, and two digits need the least. */
  g_assert_nonnull (strstr (xlsx.sheet, "<col min=\"2\" max=\"2\" width=\"16.7"));
  g_assert_nonnull (strstr (xlsx.sheet, "<col min=\"3\" max=\"3\" width=\"11.7"));
  g_assert_nonnull (strstr (xlsx.sheet, "<col min=\"4\" max=\"4\" width=\"6.7"));

  /* A very long text wraps in a column of 60. */
  for (guint i = 0; i < 20; i++)
    g_string_append (long_name, "Nguyễn ");
  add_row (rows, long_name->str, "", "", NULL);
  write_members (f, NULL, rows);
  parts_clear (&xlsx);
  read_parts (f->path, &xlsx);
  g_assert_nonnull (strstr (xlsx.sheet, "<col min=\"2\" max=\"2\" width=\"60.7"));
  /* Its row is as tall as its three lines, so that it is not drawn over the next rows; the
   * rows of one line keep the default height. */
  g_assert_nonnull (strstr (xlsx.sheet, "<row r=\"4\" ht=\"45\" customHeight=\"1\">"));
  g_assert_nonnull (strstr (xlsx.sheet, "<row r=\"3\">"));
}

/* A header wraps at its spaces: its row is as tall as the most lines one takes, and a column
 * too narrow for its header in three lines is widened. A header row of single lines keeps
 * the default height. */
static void
test_header_row_is_as_tall_as_its_wrapped_headers (Fixture       *f,
                                                   gconstpointer  data)
{
  static const SdbXlsxColumn columns[] = {
    { "Mã tổ chức cấp trên", SDB_XLSX_TEXT, FALSE },
    { "Ngày thành lập", SDB_XLSX_DATE, FALSE },
  };
  static const SdbXlsxColumn short_columns[] = {
    { "Mã", SDB_XLSX_TEXT, FALSE },
  };
  g_autoptr(GPtrArray) rows = rows_new ();
  g_auto(Parts) xlsx = { NULL };

  add_row (rows, "TC001", "1990-01-01", NULL);
  /* Short lines, each a line of its own. */
  add_row (rows, "a\nb\nc\nd", "", NULL);
  write_and_read (f, columns, G_N_ELEMENTS (columns), rows, &xlsx);
  /* "Mã tổ | chức cấp | trên" in 8 characters, not in the four lines of the 6 its code
   * needs; "Ngày thành | lập" beside it. */
  g_assert_nonnull (strstr (xlsx.sheet, "<col min=\"2\" max=\"2\" width=\"8.7"));
  g_assert_nonnull (strstr (xlsx.sheet, "<col min=\"3\" max=\"3\" width=\"11.7"));
  g_assert_nonnull (strstr (xlsx.sheet, "<row r=\"1\" ht=\"45\" customHeight=\"1\">"));
  g_assert_nonnull (strstr (xlsx.sheet, "<row r=\"2\">"));
  g_assert_nonnull (strstr (xlsx.sheet, "<row r=\"3\" ht=\"60\" customHeight=\"1\">"));

  write_and_read (f, short_columns, G_N_ELEMENTS (short_columns), rows, &xlsx);
  g_assert_nonnull (strstr (xlsx.sheet, "<row r=\"1\">"));
}

/* A text of wide letters needs a wider column than as many narrow ones: capitals and "m" take
 * more than a digit, "i", "l" and spaces about half. */
static void
test_column_width_follows_the_letters_not_their_count (Fixture       *f,
                                                       gconstpointer  data)
{
  static const SdbXlsxColumn columns[] = {
    { "Mã", SDB_XLSX_TEXT, FALSE },
    { "Mã", SDB_XLSX_TEXT, FALSE },
  };
  g_autoptr(GPtrArray) rows = rows_new ();
  g_auto(Parts) xlsx = { NULL };

  /* Twelve characters each. */
  add_row (rows, "MMMMMMMMMMMM", "il il il il ", NULL);
  write_and_read (f, columns, G_N_ELEMENTS (columns), rows, &xlsx);
  g_assert_nonnull (strstr (xlsx.sheet, "<col min=\"2\" max=\"2\" width=\"23.7"));
  g_assert_nonnull (strstr (xlsx.sheet, "<col min=\"3\" max=\"3\" width=\"7.7"));
}

static void
test_file_is_private (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t saved = umask (022);

  add_row (rows, "Nguyễn Văn Hòa", "1975-05-19", "49", NULL);
  g_assert_true (sdb_xlsx_write_table (f->path, NULL, NULL, member_columns,
                                       G_N_ELEMENTS (member_columns), rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A file it replaces does not lend it its mode. */
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  g_assert_true (sdb_xlsx_write_table (f->path, NULL, NULL, member_columns,
                                       G_N_ELEMENTS (member_columns), rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  umask (saved);
}

static void
test_replacing_a_file_leaves_nothing_else (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GPtrArray) first = rows_new ();
  g_autoptr(GPtrArray) second = rows_new ();
  g_auto(Parts) xlsx = { NULL };
  g_autofree char *files = NULL;

  add_row (first, "Nguyễn Văn Hòa", "1975-05-19", "49", NULL);
  write_members (f, NULL, first);
  add_row (second, "Lò Thị Mai", "2019-11-02", "5", NULL);
  write_members (f, NULL, second);
  read_parts (f->path, &xlsx);

  assert_cell (xlsx.cells, "B2", "s|Lò Thị Mai|0||");
  files = list_dir (f->dir);
  g_assert_cmpstr (files, ==, "bảng.xlsx");
}

static void
test_unwritable_folder_fails_cleanly (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "Báo cáo", NULL);
  g_autofree char *path = g_build_filename (missing, "đảng viên.xlsx", NULL);
  g_autofree char *files = NULL;

  add_row (rows, "Nguyễn Văn Hòa", "1975-05-19", "49", NULL);
  g_assert_false (sdb_xlsx_write_table (path, NULL, NULL, member_columns,
                                        G_N_ELEMENTS (member_columns), rows, &error));
  g_assert_error (error, SDB_XLSX_ERROR, SDB_XLSX_ERROR_FOLDER_MISSING);
  g_assert_nonnull (strstr (error->message, "đảng viên.xlsx"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  files = list_dir (f->dir);
  g_assert_cmpstr (files, ==, "");
}

static void
test_read_only_folder_fails_cleanly (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *files = NULL;
  gboolean ok;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes in read-only folders");
      return;
    }

  add_row (rows, "Nguyễn Văn Hòa", "1975-05-19", "49", NULL);
  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);
  ok = sdb_xlsx_write_table (f->path, NULL, NULL, member_columns, G_N_ELEMENTS (member_columns),
                             rows, &error);
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);

  g_assert_false (ok);
  g_assert_error (error, SDB_XLSX_ERROR, SDB_XLSX_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "bảng.xlsx"));
  files = list_dir (f->dir);
  g_assert_cmpstr (files, ==, "");
}

static void
test_sheet_name_is_made_valid_for_excel (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Parts) xlsx = { NULL };

  add_row (rows, "Nguyễn Văn Hòa", "1975-05-19", "49", NULL);
  g_assert_true (sdb_xlsx_write_table (f->path, "Đảng viên: 2024/2025 [bản nháp] và hơn nữa",
                                       NULL, member_columns, G_N_ELEMENTS (member_columns), rows,
                                       &error));
  g_assert_no_error (error);
  read_parts (f->path, &xlsx);

  /* No []:*?/\ and at most 31 characters. */
  g_assert_nonnull (strstr (xlsx.workbook, "<sheet name=\"Đảng viên- 2024-2025 -bản nháp-\""));
}

/* The year's figures ------------------------------------------------------------------------- */

/* Filled by hand, as in test-report.c: the sheet is written from plain figures. */
static SdbStats *
new_stats (void)
{
  SdbStats *stats = g_new0 (SdbStats, 1);

  stats->year = 2024;
  stats->committee = g_strdup ("Đảng bộ xã Minh Tân");
  return stats;
}

static void
free_stats (SdbStats *stats)
{
  g_free (stats->committee);
  g_free (stats);
}

static void
set_grades (SdbRatingCounts *counts,
            gint64           excellent,
            gint64           good,
            gint64           done,
            gint64           failed)
{
  counts->grades[SDB_GRADE_EXCELLENT] = excellent;
  counts->grades[SDB_GRADE_GOOD] = good;
  counts->grades[SDB_GRADE_DONE] = done;
  counts->grades[SDB_GRADE_FAILED] = failed;
  counts->rated = excellent + good + done + failed;
}

/* The example of DOMAIN.md. */
static SdbStats *
domain_example (void)
{
  SdbStats *stats = new_stats ();

  stats->has_organizations = TRUE;
  stats->organizations[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO] = 2;
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO] = 27;
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC] = 11;
  stats->has_members = TRUE;
  stats->total = 1236;
  stats->official = 1190;
  stats->probationary = 46;
  stats->exempt = 3;
  stats->admitted = 37;
  stats->left[SDB_LEAVING_REASON_DIED] = 5;
  stats->has_target = TRUE;
  stats->target = 35;
  stats->has_organization_ratings = TRUE;
  set_grades (&stats->organization_ratings, 4, 22, 3, 0);
  stats->organization_ratings.not_rated = 1;
  stats->has_awards = TRUE;
  stats->awards_collective = 12;
  stats->awards_individual = 20;
  return stats;
}

/* Writes @stats to f->path, reads it back and frees @stats. */
static void
write_stats (Fixture  *f,
             SdbStats *stats,
             Parts    *xlsx)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_xlsx_write_stats (f->path, stats, &error));
  g_assert_no_error (error);
  free_stats (stats);
  read_parts (f->path, xlsx);
}

static void
test_stats_sheet_holds_figures_and_percentages (Fixture       *f,
                                                gconstpointer  data)
{
  g_auto(Parts) xlsx = { NULL };
  g_autofree char *pane = NULL;

  write_stats (f, domain_example (), &xlsx);
  pane = pane_of (xlsx.sheet);

  assert_cell (xlsx.cells, "A1", "s|SỐ LIỆU NĂM 2024 — Đảng bộ xã Minh Tân|0|b|");
  assert_cell (xlsx.cells, "A2", "s|TT|0|b|");
  assert_cell (xlsx.cells, "B2", "s|Chỉ tiêu|0|b|");
  assert_cell (xlsx.cells, "C2", "s|Số lượng|0|b|");
  assert_cell (xlsx.cells, "D2", "s|Tỷ lệ (%)|0|b|");
  g_assert_nonnull (strstr (pane, "ySplit=\"2\""));

  /* Sections in bold, numbered in roman numerals; their rows numbered from 1. */
  assert_beside (xlsx.cells, "Tổ chức đảng (tính đến 31/12/2024)", "A", "s|I|0|b|");
  assert_beside (xlsx.cells, "Đảng viên (tính đến 31/12/2024)", "A", "s|II|0|b|");
  assert_beside (xlsx.cells, "Tổ chức cơ sở đảng", "A", "n|1|0||");
  assert_beside (xlsx.cells, "Tổ chức cơ sở đảng", "C", "n|29|#,##0||");
  assert_beside (xlsx.cells, "Chi bộ trực thuộc", "C", "n|11|#,##0||");
  assert_beside (xlsx.cells, "Tổng số đảng viên", "C", "n|1236|#,##0||");
  assert_beside (xlsx.cells, "Từ trần", "C", "n|5|#,##0||");

  /* 37/35 = 105,7% of the target. */
  assert_beside (xlsx.cells, "Chỉ tiêu kết nạp năm 2024", "C", "n|35|#,##0||");
  assert_beside (xlsx.cells, "Kết nạp trong năm (tỷ lệ đạt chỉ tiêu)", "C",
                 "n|37|#,##0||");
  assert_beside (xlsx.cells, "Kết nạp trong năm (tỷ lệ đạt chỉ tiêu)", "D",
                 "n|1.057|0.0%||");

  /* Over the 29 rated: 4 (13,8%), 22 (75,9%), 3 (10,3%); 26/29 good or better (89,7%). */
  g_assert_nonnull (strstr (xlsx.strings, "Hoàn thành tốt nhiệm vụ trở lên"));
  assert_beside (xlsx.cells, "Số tổ chức cơ sở đảng được xếp loại", "C", "n|29|#,##0||");
  assert_beside (xlsx.cells, "Hoàn thành xuất sắc nhiệm vụ", "D", "n|0.138|0.0%||");
  assert_beside (xlsx.cells, "Hoàn thành tốt nhiệm vụ", "D", "n|0.759|0.0%||");
  assert_beside (xlsx.cells, "Hoàn thành nhiệm vụ", "D", "n|0.103|0.0%||");
  assert_beside (xlsx.cells, "Không hoàn thành nhiệm vụ", "D", "n|0|0.0%||");
  assert_beside (xlsx.cells, "Hoàn thành tốt nhiệm vụ trở lên", "C", "n|26|#,##0||");
  assert_beside (xlsx.cells, "Hoàn thành tốt nhiệm vụ trở lên", "D", "n|0.897|0.0%||");
  assert_beside (xlsx.cells, "Không xếp loại", "C", "n|1|#,##0||");

  assert_beside (xlsx.cells, "Khen thưởng tập thể", "C", "n|12|#,##0||");
  assert_beside (xlsx.cells, "Khen thưởng cá nhân", "C", "n|20|#,##0||");
}

static void
test_stats_sheet_leaves_out_sections_without_records (Fixture       *f,
                                                      gconstpointer  data)
{
  SdbStats *stats = new_stats ();
  g_auto(Parts) xlsx = { NULL };

  stats->has_members = TRUE;
  stats->total = 40;
  stats->official = 38;
  stats->probationary = 2;
  stats->has_badges = TRUE;
  stats->badges_total = 3;
  stats->badges[3] = 3;  /* 50 years */
  write_stats (f, stats, &xlsx);

  /* Numbered on, without gaps. */
  assert_beside (xlsx.cells, "Đảng viên (tính đến 31/12/2024)", "A", "s|I|0|b|");
  assert_beside (xlsx.cells, "Biến động đảng viên trong năm 2024", "A", "s|II|0|b|");
  assert_beside (xlsx.cells, "Kết nạp đảng viên so với chỉ tiêu", "A", "s|III|0|b|");
  assert_beside (xlsx.cells, "Huy hiệu Đảng", "A", "s|IV|0|b|");
  g_assert_null (strstr (xlsx.strings, "Tổ chức đảng"));
  g_assert_null (strstr (xlsx.strings, "Đánh giá"));
  g_assert_null (strstr (xlsx.strings, "Khen thưởng"));
  g_assert_null (strstr (xlsx.strings, "Hội nghị"));
  /* Without a target, admissions have no share. */
  g_assert_null (strstr (xlsx.strings, "Chỉ tiêu kết nạp"));
  assert_beside (xlsx.cells, "Kết nạp trong năm", "D", "n||0.0%||");
  /* Badges: only the years given. */
  assert_beside (xlsx.cells, "Huy hiệu 50 năm tuổi Đảng", "C", "n|3|#,##0||");
  g_assert_null (strstr (xlsx.strings, "Huy hiệu 30 năm tuổi Đảng"));
}

static void
test_stats_percentages_are_rounded_from_counts (Fixture       *f,
                                                gconstpointer  data)
{
  SdbStats *stats = new_stats ();
  g_auto(Parts) xlsx = { NULL };

  /* 1/16 = 6,25%: rounded half up to 6,3%, so the cell holds 0.063, not 0.0625. */
  stats->has_member_ratings = TRUE;
  set_grades (&stats->member_ratings, 1, 14, 1, 0);
  /* A target of 0 has no percentage. */
  stats->has_target = TRUE;
  stats->target = 0;
  stats->admitted = 2;
  stats->has_term = TRUE;
  stats->term_first_year = 2020;
  stats->term_last_year = 2025;
  stats->term_target = 150;
  stats->term_count = 120;
  write_stats (f, stats, &xlsx);

  assert_beside (xlsx.cells, "Hoàn thành xuất sắc nhiệm vụ", "D", "n|0.063|0.0%||");
  assert_beside (xlsx.cells, "Hoàn thành tốt nhiệm vụ trở lên", "D", "n|0.938|0.0%||");
  assert_beside (xlsx.cells, "Kết nạp trong năm (tỷ lệ đạt chỉ tiêu)", "D",
                 "n||0.0%||");
  assert_beside (xlsx.cells, "Chỉ tiêu kết nạp nhiệm kỳ 2020–2025", "C", "n|150|#,##0||");
  assert_beside (xlsx.cells, "Kết nạp từ đầu nhiệm kỳ đến nay (tỷ lệ đạt chỉ tiêu)",
                 "D", "n|0.8|0.0%||");
}

static void
test_stats_without_records_says_so (Fixture       *f,
                                    gconstpointer  data)
{
  g_auto(Parts) xlsx = { NULL };

  write_stats (f, new_stats (), &xlsx);
  assert_cell (xlsx.cells, "A3", "s|Chưa có số liệu của năm 2024.|0||");
}

int
main (int argc, char **argv)
{
  sdb_test_init (&argc, &argv);

  XLSX_TEST ("/xlsx/table-has-tt-column-and-vietnamese-headers",
             test_table_has_tt_column_and_vietnamese_headers);
  XLSX_TEST ("/xlsx/header-row-is-frozen", test_header_row_is_frozen);
  XLSX_TEST ("/xlsx/title-goes-above-the-header", test_title_goes_above_the_header);
  XLSX_TEST ("/xlsx/integers-and-dates-are-numbers-not-text",
             test_integers_and_dates_are_numbers_not_text);
  XLSX_TEST ("/xlsx/partial-date-is-text", test_partial_date_is_text);
  XLSX_TEST ("/xlsx/cell-not-of-its-type-stays-text", test_cell_not_of_its_type_stays_text);
  XLSX_TEST ("/xlsx/percent-is-a-number-in-any-locale", test_percent_is_a_number_in_any_locale);
  XLSX_TEST ("/xlsx/totals-row-sums-marked-columns", test_totals_row_sums_marked_columns);
  XLSX_TEST ("/xlsx/totals-of-no-rows-are-zero", test_totals_of_no_rows_are_zero);
  XLSX_TEST ("/xlsx/columns-fit-their-longest-text-and-rows-its-lines",
             test_columns_fit_their_longest_text_and_rows_its_lines);
  XLSX_TEST ("/xlsx/header-row-is-as-tall-as-its-wrapped-headers",
             test_header_row_is_as_tall_as_its_wrapped_headers);
  XLSX_TEST ("/xlsx/column-width-follows-the-letters-not-their-count",
             test_column_width_follows_the_letters_not_their_count);
  XLSX_TEST ("/xlsx/file-is-private", test_file_is_private);
  XLSX_TEST ("/xlsx/replacing-a-file-leaves-nothing-else",
             test_replacing_a_file_leaves_nothing_else);
  XLSX_TEST ("/xlsx/unwritable-folder-fails-cleanly", test_unwritable_folder_fails_cleanly);
  XLSX_TEST ("/xlsx/read-only-folder-fails-cleanly", test_read_only_folder_fails_cleanly);
  XLSX_TEST ("/xlsx/sheet-name-is-made-valid-for-excel", test_sheet_name_is_made_valid_for_excel);
  XLSX_TEST ("/xlsx/stats-sheet-holds-figures-and-percentages",
             test_stats_sheet_holds_figures_and_percentages);
  XLSX_TEST ("/xlsx/stats-sheet-leaves-out-sections-without-records",
             test_stats_sheet_leaves_out_sections_without_records);
  XLSX_TEST ("/xlsx/stats-percentages-are-rounded-from-counts",
             test_stats_percentages_are_rounded_from_counts);
  XLSX_TEST ("/xlsx/stats-without-records-says-so", test_stats_without_records_says_so);

  return g_test_run ();
}
