/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sdb-csv.h"
#include "sdb-test.h"

/* Every test writes its CSV into a file of its own folder and reads it back as the import does,
 * so the bytes under test are exactly the bytes of a file. */
typedef struct
{
  char *dir;
  guint n_files;
} CsvFixture;

static void
csv_setup (CsvFixture    *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sdb-csv-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
csv_teardown (CsvFixture    *f,
              gconstpointer  data)
{
  sdb_test_remove_tree (f->dir);
  g_free (f->dir);
}

#define CSV_TEST(path, func) \
  g_test_add ((path), CsvFixture, NULL, csv_setup, (func), csv_teardown)

/* Writes @len bytes of @text (-1: up to its NUL) to a new file and loads it. */
static GBytes *
load_bytes (CsvFixture *f,
            const char *text,
            gssize      len)
{
  g_autofree char *name = g_strdup_printf ("file-%u.csv", ++f->n_files);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  return bytes;
}

static SdbCsvReader *
open_csv (CsvFixture *f,
          const char *text,
          gssize      len)
{
  g_autoptr(GBytes) bytes = load_bytes (f, text, len);
  g_autoptr(GError) error = NULL;
  SdbCsvReader *reader = sdb_csv_reader_new (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

static GError *
open_csv_error (CsvFixture *f,
                const char *text,
                gssize      len)
{
  g_autoptr(GBytes) bytes = load_bytes (f, text, len);
  g_autoptr(SdbCsvReader) reader = NULL;
  GError *error = NULL;

  reader = sdb_csv_reader_new (bytes, &error);
  g_assert_null (reader);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  return error;
}

/* Reads the next record and asserts its line and fields (a NULL-terminated list). */
static void
expect_record (SdbCsvReader *reader,
               guint         line,
               ...)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  guint record_line = 0;
  const char *expected;
  guint i = 0;
  va_list args;

  g_assert_true (sdb_csv_reader_next (reader, &fields, &record_line, &error));
  g_assert_no_error (error);
  g_assert_nonnull (fields);
  g_assert_cmpuint (record_line, ==, line);

  va_start (args, line);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, fields->len);
      g_assert_cmpstr (g_ptr_array_index (fields, i), ==, expected);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (fields->len, ==, i);
}

static void
expect_end (SdbCsvReader *reader)
{
  g_autoptr(GError) error = NULL;
  GPtrArray sentinel = { NULL, 0 };
  GPtrArray *fields = &sentinel;   /* to see it cleared */
  guint line = 0;

  g_assert_false (sdb_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
  g_assert_null (fields);
  /* and it stays at the end */
  fields = &sentinel;
  g_assert_false (sdb_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
  g_assert_null (fields);
}

/* The line ends in @text as the reader counts them: CRLF, LF or a lone CR. */
static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
      n++;
  return n;
}

/* Asserts that @message holds @n as a number of its own, not as part of a longer one. */
static void
assert_mentions_number (const char *message,
                        guint       n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  gsize len = strlen (digits);

  for (const char *p = strstr (message, digits); p != NULL; p = strstr (p + 1, digits))
    {
      gboolean digit_before = p > message && g_ascii_isdigit (p[-1]);
      gboolean digit_after = g_ascii_isdigit (p[len]);

      if (!digit_before && !digit_after)
        return;
    }
  g_error ("“%s” does not mention %u", message, n);
}

/* Reading ------------------------------------------------------------------------------------ */

static void
test_comma_header_and_rows (CsvFixture    *f,
                            gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader =
    open_csv (f, "ho_ten,gioi_tinh,ngay_sinh\n"
                 "Nguyễn Văn Hoà,Nam,05/02/1960\n"
                 "Lò Thị Ơn,Nữ,1958\n", -1);

  g_assert_cmpint (sdb_csv_reader_get_delimiter (reader), ==, ',');
  expect_record (reader, 1, "ho_ten", "gioi_tinh", "ngay_sinh", NULL);
  expect_record (reader, 2, "Nguyễn Văn Hoà", "Nam", "05/02/1960", NULL);
  expect_record (reader, 3, "Lò Thị Ơn", "Nữ", "1958", NULL);
  expect_end (reader);
}

static void
test_semicolon_is_detected (CsvFixture    *f,
                            gconstpointer  data)
{
  /* What Excel writes where the list separator is ';': a comma in a value is then plain text. */
  g_autoptr(SdbCsvReader) reader =
    open_csv (f, "Họ và tên;Số thẻ;Ghi chú\n"
                 "Nguyễn Văn A;012345;chuyển đến, năm 2020\n", -1);

  g_assert_cmpint (sdb_csv_reader_get_delimiter (reader), ==, ';');
  expect_record (reader, 1, "Họ và tên", "Số thẻ", "Ghi chú", NULL);
  expect_record (reader, 2, "Nguyễn Văn A", "012345", "chuyển đến, năm 2020", NULL);
  expect_end (reader);
}

static void
test_delimiter_tie_means_comma (CsvFixture    *f,
                                gconstpointer  data)
{
  g_autoptr(SdbCsvReader) tie = open_csv (f, "a;b,c\n1;2,3\n", -1);
  g_autoptr(SdbCsvReader) single = open_csv (f, "ho_ten\nNguyễn Văn A\n", -1);

  g_assert_cmpint (sdb_csv_reader_get_delimiter (tie), ==, ',');
  expect_record (tie, 1, "a;b", "c", NULL);
  g_assert_cmpint (sdb_csv_reader_get_delimiter (single), ==, ',');
  expect_record (single, 1, "ho_ten", NULL);
}

static void
test_delimiters_inside_quotes_do_not_count (CsvFixture    *f,
                                            gconstpointer  data)
{
  /* Three ';' in a quoted header field against one ',' outside quotes. */
  g_autoptr(SdbCsvReader) comma = open_csv (f, "\"a;b;c;d\",e\n", -1);
  /* And the other way round. */
  g_autoptr(SdbCsvReader) semicolon = open_csv (f, "\"a,b,c,d\";e\n", -1);

  g_assert_cmpint (sdb_csv_reader_get_delimiter (comma), ==, ',');
  expect_record (comma, 1, "a;b;c;d", "e", NULL);
  g_assert_cmpint (sdb_csv_reader_get_delimiter (semicolon), ==, ';');
  expect_record (semicolon, 1, "a,b,c,d", "e", NULL);
}

static void
test_bom_is_dropped (CsvFixture    *f,
                     gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader = open_csv (f, "\xEF\xBB\xBFho_ten;dan_toc\nLò Văn Pọm;Thái\n",
                                             -1);

  g_assert_cmpint (sdb_csv_reader_get_delimiter (reader), ==, ';');
  expect_record (reader, 1, "ho_ten", "dan_toc", NULL);
  expect_record (reader, 2, "Lò Văn Pọm", "Thái", NULL);
  expect_end (reader);
}

static void
test_crlf_and_lf_and_no_final_newline (CsvFixture    *f,
                                       gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader = open_csv (f, "a,b\r\n1,2\n3,4\r\n5,6", -1);

  expect_record (reader, 1, "a", "b", NULL);
  expect_record (reader, 2, "1", "2", NULL);
  expect_record (reader, 3, "3", "4", NULL);
  expect_record (reader, 4, "5", "6", NULL);
  expect_end (reader);
}

static void
test_lone_cr_ends_a_line (CsvFixture    *f,
                          gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader = open_csv (f, "a,b\r1,2\r3,4\r", -1);

  expect_record (reader, 1, "a", "b", NULL);
  expect_record (reader, 2, "1", "2", NULL);
  expect_record (reader, 3, "3", "4", NULL);
  expect_end (reader);
}

static void
test_quoted_delimiter_quote_and_newline (CsvFixture    *f,
                                         gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader =
    open_csv (f, "ten,ghi_chu,dia_chi\r\n"
                 "\"Chi bộ \"\"Nà Lốc\"\"\",\"a, b; c\",\"Bản Nà Lốc\r\nxã Minh Tân\nhuyện X\rtỉnh Y\"\r\n"
                 "\"\",\"\"\"\",\"\"\"\"\"\"\r\n", -1);

  expect_record (reader, 1, "ten", "ghi_chu", "dia_chi", NULL);
  /* CRLF inside quotes becomes LF; LF and a lone CR are kept. */
  expect_record (reader, 2, "Chi bộ \"Nà Lốc\"", "a, b; c", "Bản Nà Lốc\nxã Minh Tân\nhuyện X\rtỉnh Y",
                 NULL);
  expect_record (reader, 6, "", "\"", "\"\"", NULL);
  expect_end (reader);
}

static void
test_quote_inside_unquoted_field_is_literal (CsvFixture    *f,
                                             gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader =
    open_csv (f, "a,b,c\n"
                 "Quyết định số 12 \"QĐ\",5\",x \"y\n"
                 "\"Chi bộ\" số 1,\"ab\"c\"d,z\n", -1);

  expect_record (reader, 1, "a", "b", "c", NULL);
  expect_record (reader, 2, "Quyết định số 12 \"QĐ\"", "5\"", "x \"y", NULL);
  /* Text after a closing quote is kept, as Excel reads it. */
  expect_record (reader, 3, "Chi bộ số 1", "abc\"d", "z", NULL);
  expect_end (reader);
}

static void
test_line_numbers_count_physical_lines (CsvFixture    *f,
                                        gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader =
    open_csv (f, "ho_ten,ghi_chu\r\n"
                 "Nguyễn Văn A,\"dòng một\r\ndòng hai\r\ndòng ba\"\r\n"
                 "Trần Thị B,\"\n\"\r\n"
                 "\n"
                 "Lê Văn C,x\r\n", -1);

  expect_record (reader, 1, "ho_ten", "ghi_chu", NULL);
  expect_record (reader, 2, "Nguyễn Văn A", "dòng một\ndòng hai\ndòng ba", NULL);
  expect_record (reader, 5, "Trần Thị B", "\n", NULL);
  expect_record (reader, 8, "Lê Văn C", "x", NULL);
  expect_end (reader);
}

static void
test_blank_lines_are_skipped (CsvFixture    *f,
                              gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader = open_csv (f, "\r\n\na;b\n\r\n\r\n1;2\r\n\n \n\r\n", -1);

  expect_record (reader, 3, "a", "b", NULL);
  expect_record (reader, 6, "1", "2", NULL);
  /* A line holding a space is not blank: the caller decides what it means. */
  expect_record (reader, 8, " ", NULL);
  expect_end (reader);
}

static void
test_fields_are_returned_as_they_are (CsvFixture    *f,
                                      gconstpointer  data)
{
  /* "Hoà" in NFD (a + combining grave) is left as it is, as are the spaces. */
  g_autoptr(SdbCsvReader) reader =
    open_csv (f, "a,b,c\n  Nguyễn Văn A , Hoa\xCC\x80 ,\" x \"\n", -1);

  expect_record (reader, 1, "a", "b", "c", NULL);
  expect_record (reader, 2, "  Nguyễn Văn A ", " Hoa\xCC\x80 ", " x ", NULL);
  expect_end (reader);
}

static void
test_records_keep_their_own_field_count (CsvFixture    *f,
                                         gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader = open_csv (f, "a,b,c\n1\n1,2,3,4,5\n,\n1,2,\n", -1);

  expect_record (reader, 1, "a", "b", "c", NULL);
  expect_record (reader, 2, "1", NULL);
  expect_record (reader, 3, "1", "2", "3", "4", "5", NULL);
  expect_record (reader, 4, "", "", NULL);
  expect_record (reader, 5, "1", "2", "", NULL);
  expect_end (reader);
}

static void
test_unterminated_quote_names_its_line (CsvFixture    *f,
                                        gconstpointer  data)
{
  g_autoptr(SdbCsvReader) reader =
    open_csv (f, "a,b\n1,2\n3,\"bốn\n5,6\n7,8\n", -1);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  guint line = 0;

  expect_record (reader, 1, "a", "b", NULL);
  expect_record (reader, 2, "1", "2", NULL);
  g_assert_false (sdb_csv_reader_next (reader, &fields, &line, &error));
  g_assert_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_SYNTAX);
  g_assert_null (fields);
  g_assert_cmpuint (line, ==, 3);
  g_test_message ("%s", error->message);
  assert_mentions_number (error->message, 3);
  g_assert_nonnull (strstr (error->message, "\""));
  /* Nothing more is read after it. */
  expect_end (reader);
}

static void
test_windows_1258_is_refused_with_line_and_hint (CsvFixture    *f,
                                                 gconstpointer  data)
{
  /* "Nguyễn" as Excel's "CSV (Comma delimited)" writes it on a Vietnamese Windows. */
  g_autoptr(GError) error = open_csv_error (f, "ho_ten\nNguy\xea\xe3n\n", -1);
  g_autoptr(GError) later = open_csv_error (f, "ho_ten,ghi_chu\r\nA,\"x\r\ny\"\r\nB,L\xea\r\n", -1);

  g_assert_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING);
  assert_mentions_number (error->message, 2);
  g_assert_nonnull (strstr (error->message, "CSV UTF-8"));

  /* The line is the physical one, counting the lines inside a quoted field. */
  g_assert_error (later, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING);
  assert_mentions_number (later->message, 4);
}

static void
test_utf16_is_refused (CsvFixture    *f,
                       gconstpointer  data)
{
  /* "a,b\r\n" as Excel's "Unicode Text" would write it. */
  static const char utf16[] = "\xFF\xFE" "a\0,\0b\0\r\0\n\0";
  g_autoptr(GError) error = open_csv_error (f, utf16, sizeof utf16 - 1);

  g_assert_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "CSV UTF-8"));
}

static void
test_nul_byte_is_refused_with_its_line (CsvFixture    *f,
                                        gconstpointer  data)
{
  static const char text[] = "a,b\n1,2\n3,4\n5,6\n7,\0\n";
  g_autoptr(GError) error = open_csv_error (f, text, sizeof text - 1);

  g_assert_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING);
  assert_mentions_number (error->message, 5);
}

static void
test_empty_file_is_refused (CsvFixture    *f,
                            gconstpointer  data)
{
  static const char *const empties[] = { "", "\xEF\xBB\xBF", "\n", "\xEF\xBB\xBF\r\n\r\n\n\r" };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autoptr(GError) error = open_csv_error (f, empties[i], -1);

      g_assert_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_EMPTY);
    }
}

static void
test_reader_keeps_its_bytes (CsvFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) bytes = load_bytes (f, "a,b\n1,2\n", -1);
  g_autoptr(SdbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = sdb_csv_reader_new (bytes, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);
  expect_record (reader, 1, "a", "b", NULL);
  expect_record (reader, 2, "1", "2", NULL);
  expect_end (reader);
}

/* Writing ------------------------------------------------------------------------------------ */

static char *
write_record (const char * const *fields,
              guint               n_fields)
{
  GString *out = g_string_new (NULL);

  sdb_csv_append_record (out, fields, n_fields);
  return g_string_free (out, FALSE);
}

static void
test_written_record_quotes_only_when_needed (CsvFixture    *f,
                                             gconstpointer  data)
{
  const char *plain[] = { "Nguyễn Văn Hoà", "05/02/1960", "", NULL, "a\"b" };
  const char *awkward[] = { "a,b", "x;y", "dòng 1\ndòng 2", "\r", " đầu", "cuối ", "Chi bộ \"1\"" };
  const char *one_empty[] = { "" };
  g_autofree char *plain_csv = write_record (plain, G_N_ELEMENTS (plain));
  g_autofree char *awkward_csv = write_record (awkward, G_N_ELEMENTS (awkward));
  g_autofree char *one_empty_csv = write_record (one_empty, 1);
  g_autofree char *none_csv = write_record (NULL, 0);
  g_autoptr(GString) bom = g_string_new (NULL);

  g_assert_cmpstr (plain_csv, ==, "Nguyễn Văn Hoà,05/02/1960,,,\"a\"\"b\"\r\n");
  g_assert_cmpstr (awkward_csv, ==,
                   "\"a,b\",\"x;y\",\"dòng 1\ndòng 2\",\"\r\",\" đầu\",\"cuối \","
                   "\"Chi bộ \"\"1\"\"\"\r\n");
  /* Not a blank line, which a reader skips. */
  g_assert_cmpstr (one_empty_csv, ==, "\"\"\r\n");
  g_assert_cmpstr (none_csv, ==, "\r\n");

  sdb_csv_append_bom (bom);
  g_assert_cmpmem (bom->str, bom->len, "\xEF\xBB\xBF", 3);
}

static void
test_written_file_reads_back_identical (CsvFixture    *f,
                                        gconstpointer  data)
{
  static const char *const rows[][5] = {
    { "ho_ten", "ghi_chu", "so_the", "dia_chi", "trong" },
    { "Nguyễn Văn \"Tý\"", "a, b; c", "012345", "Bản Nà Lốc\nxã Minh Tân", "" },
    { " Lò Thị Ơn", "cuối ", "\"", ";", "," },
    { "", "", "", "", "" },
    { "Đặng Hữu Ước", "\"\"\"", "dòng 1\n\ndòng 3\n", "a\rb", "Hoà" },
  };
  static const char *const single[] = { "ho_ten", "", "Vũ Thị Ánh", "" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) one_column = g_string_new (NULL);
  g_autoptr(SdbCsvReader) reader = NULL;
  g_autoptr(SdbCsvReader) one_reader = NULL;
  guint line = 1;

  sdb_csv_append_bom (out);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    sdb_csv_append_record (out, rows[i], G_N_ELEMENTS (rows[i]));
  reader = open_csv (f, out->str, out->len);
  g_assert_cmpint (sdb_csv_reader_get_delimiter (reader), ==, ',');
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      expect_record (reader, line, rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4],
                     NULL);
      for (guint j = 0; j < G_N_ELEMENTS (rows[i]); j++)
        line += count_lines (rows[i][j]);
      line++;
    }
  expect_end (reader);

  sdb_csv_append_bom (one_column);
  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    sdb_csv_append_record (one_column, &single[i], 1);
  one_reader = open_csv (f, one_column->str, one_column->len);
  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    expect_record (one_reader, i + 1, single[i], NULL);
  expect_end (one_reader);
}

/* Speed --------------------------------------------------------------------------------------- */

static void
test_reads_200000_rows_quickly (CsvFixture    *f,
                                gconstpointer  data)
{
  const guint n_rows = 200000;
  g_autoptr(GString) out = g_string_sized_new (48 * 1024 * 1024);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SdbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint n_records = 0;
  guint line = 0;
  gint64 start;

  sdb_csv_append_bom (out);
  g_string_append (out, "ma,ho_ten,gioi_tinh,ngay_sinh,dan_toc,ton_giao,que_quan,chi_bo,"
                        "ngay_vao_dang,ngay_chinh_thuc,so_the,chuc_vu,trinh_do,dien_thoai,"
                        "dia_chi,ghi_chu\r\n");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (out,
                            "DV%06u,Nguyễn Thị Hương %u,Nữ,%02u/%02u/19%02u,Kinh,Không,"
                            "xã Mường Bú,Chi bộ bản Nà Lốc %u,%02u/05/2001,%02u/05/2002,%08u,"
                            "Bí thư,Đại học,09%08u,\"Bản Nà Lốc, xã Minh Tân\","
                            "\"Chuyển đến; \"\"tạm thời\"\"\"\r\n",
                            i, i, 1 + i % 28, 1 + i % 12, 40 + i % 60, i % 500, 1 + i % 28,
                            1 + i % 28, i, i);
  g_test_message ("%" G_GSIZE_FORMAT " bytes", out->len);
  bytes = load_bytes (f, out->str, out->len);
  g_string_free (g_steal_pointer (&out), TRUE);

  start = g_get_monotonic_time ();
  reader = sdb_csv_reader_new (bytes, &error);
  g_assert_no_error (error);
  while (sdb_csv_reader_next (reader, &fields, &line, &error))
    {
      g_assert_cmpuint (fields->len, ==, 16);
      n_records++;
      g_ptr_array_unref (fields);
    }
  g_assert_no_error (error);
  g_test_message ("read %u records in %.3f s", n_records,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  g_assert_cmpuint (n_records, ==, n_rows + 1);
  g_assert_cmpuint (line, ==, n_rows + 1);
}

int
main (int argc, char **argv)
{
  sdb_test_init (&argc, &argv);

  CSV_TEST ("/csv/comma-header-and-rows", test_comma_header_and_rows);
  CSV_TEST ("/csv/semicolon-is-detected", test_semicolon_is_detected);
  CSV_TEST ("/csv/delimiter-tie-means-comma", test_delimiter_tie_means_comma);
  CSV_TEST ("/csv/delimiters-inside-quotes-do-not-count",
            test_delimiters_inside_quotes_do_not_count);
  CSV_TEST ("/csv/bom-is-dropped", test_bom_is_dropped);
  CSV_TEST ("/csv/crlf-and-lf-and-no-final-newline", test_crlf_and_lf_and_no_final_newline);
  CSV_TEST ("/csv/lone-cr-ends-a-line", test_lone_cr_ends_a_line);
  CSV_TEST ("/csv/quoted-delimiter-quote-and-newline", test_quoted_delimiter_quote_and_newline);
  CSV_TEST ("/csv/quote-inside-unquoted-field-is-literal",
            test_quote_inside_unquoted_field_is_literal);
  CSV_TEST ("/csv/line-numbers-count-physical-lines", test_line_numbers_count_physical_lines);
  CSV_TEST ("/csv/blank-lines-are-skipped", test_blank_lines_are_skipped);
  CSV_TEST ("/csv/fields-are-returned-as-they-are", test_fields_are_returned_as_they_are);
  CSV_TEST ("/csv/records-keep-their-own-field-count", test_records_keep_their_own_field_count);
  CSV_TEST ("/csv/unterminated-quote-names-its-line", test_unterminated_quote_names_its_line);
  CSV_TEST ("/csv/windows-1258-is-refused-with-line-and-hint",
            test_windows_1258_is_refused_with_line_and_hint);
  CSV_TEST ("/csv/utf16-is-refused", test_utf16_is_refused);
  CSV_TEST ("/csv/nul-byte-is-refused-with-its-line", test_nul_byte_is_refused_with_its_line);
  CSV_TEST ("/csv/empty-file-is-refused", test_empty_file_is_refused);
  CSV_TEST ("/csv/reader-keeps-its-bytes", test_reader_keeps_its_bytes);
  CSV_TEST ("/csv/written-record-quotes-only-when-needed",
            test_written_record_quotes_only_when_needed);
  CSV_TEST ("/csv/written-file-reads-back-identical", test_written_file_reads_back_identical);
  CSV_TEST ("/csv/reads-200000-rows-quickly", test_reads_200000_rows_quickly);

  return g_test_run ();
}
