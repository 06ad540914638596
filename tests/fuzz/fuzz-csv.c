/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-csv: the input is a whole CSV file for sdb_csv_reader, read to its last record.
 *
 * Properties: a refused file is refused with an SDB_CSV_ERROR; every record has at least one
 * field, every field is UTF-8 (the reader checked the file), records start on increasing lines
 * that exist in the file, and a quote never closed ends the reading with an SDB_CSV_ERROR_SYNTAX.
 * A file read to its end, written again with sdb_csv_append_record under a header of its own,
 * reads back as the same records field for field (sdb-interchange's export → import relies on
 * this). */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "sdb-csv.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  sdb_fuzz_init ();
  return 0;
}

static guint
count_lines (const uint8_t *data,
             size_t         size)
{
  guint lines = 1;

  for (size_t i = 0; i < size; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
      lines++;
  return lines;
}

/* Reads every record of @bytes; NULL when the reader refuses the file or a record. */
static GPtrArray *
read_all (GBytes   *bytes,
          GError  **error)
{
  g_autoptr(SdbCsvReader) reader = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gsize size = 0;
  const uint8_t *data = g_bytes_get_data (bytes, &size);
  guint max_line = count_lines (data, size);
  guint last_line = 0;
  GPtrArray *fields = NULL;
  guint line = 0;
  char delimiter;

  reader = sdb_csv_reader_new (bytes, error);
  if (reader == NULL)
    {
      g_assert_true (error == NULL || (*error)->domain == SDB_CSV_ERROR);
      return NULL;
    }
  delimiter = sdb_csv_reader_get_delimiter (reader);
  g_assert_true (delimiter == ',' || delimiter == ';');

  while (sdb_csv_reader_next (reader, &fields, &line, error))
    {
      g_assert_nonnull (fields);
      g_assert_cmpuint (fields->len, >=, 1);
      g_assert_cmpuint (line, >, last_line);
      g_assert_cmpuint (line, <=, max_line);
      last_line = line;
      for (guint i = 0; i < fields->len; i++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL));
      g_ptr_array_add (records, fields);
    }
  g_assert_null (fields);
  if (error != NULL && *error != NULL)
    {
      GPtrArray *after = NULL;

      g_assert_error (*error, SDB_CSV_ERROR, SDB_CSV_ERROR_SYNTAX);
      g_assert_cmpuint (line, >, last_line);
      g_assert_cmpuint (line, <=, max_line);
      /* After a syntax error the reader is at its end. */
      g_assert_false (sdb_csv_reader_next (reader, &after, NULL, NULL));
      g_assert_null (after);
      return NULL;
    }
  return g_steal_pointer (&records);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_all (bytes, &error);
  g_autoptr(GString) out = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) again_error = NULL;
  static const char * const header[] = { "code", "name" };

  if (records == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, >=, 1);

  /* The BOM keeps a first field that itself begins with one (a file saved with two) intact.
   * The header of two plain fields makes the delimiter ',' whatever the first record holds:
   * guessing it from a header such as «a,";"» is a heuristic, not part of the round trip. */
  out = g_string_new (NULL);
  sdb_csv_append_bom (out);
  sdb_csv_append_record (out, header, G_N_ELEMENTS (header));
  for (guint r = 0; r < records->len; r++)
    {
      GPtrArray *fields = g_ptr_array_index (records, r);

      sdb_csv_append_record (out, (const char * const *) fields->pdata, fields->len);
    }
  written = g_string_free_to_bytes (g_steal_pointer (&out));
  again = read_all (written, &again_error);
  g_assert_no_error (again_error);
  g_assert_nonnull (again);
  g_assert_cmpuint (again->len, ==, records->len + 1);
  for (guint r = 0; r < records->len; r++)
    {
      GPtrArray *a = g_ptr_array_index (records, r);
      GPtrArray *b = g_ptr_array_index (again, r + 1);

      g_assert_cmpuint (a->len, ==, b->len);
      for (guint f = 0; f < a->len; f++)
        {
          /* The one loss the format forces: a lone CR and then a CRLF inside quotes read as
           * "\r\n", which is written as it is and so read back as a line end, "\n". */
          g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (a, f), "\r\n", -1);
          g_autofree char *expected = g_strjoinv ("\n", lines);

          g_assert_cmpstr (expected, ==, g_ptr_array_index (b, f));
        }
    }
  return 0;
}
