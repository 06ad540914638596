/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sdb-csv.h"

G_DEFINE_QUARK (sdb-csv-error-quark, sdb_csv_error)

#define UTF8_BOM "\xEF\xBB\xBF"

/* The type Excel offers for a file it can read back with every Vietnamese letter. Not
 * translated: it is what Excel shows, whatever its language. */
#define EXCEL_UTF8_TYPE "CSV UTF-8 (Comma delimited)"

struct _SdbCsvReader
{
  GBytes       *bytes;
  const guchar *data;        /* borrowed from bytes, after the BOM */
  gsize         len;
  gsize         pos;         /* where the next record (or blank line) begins */
  guint         line;        /* the physical line at pos, 1-based */
  char          delimiter;
  guint         n_fields;    /* of the last record: the next one most likely has as many */
  GString      *buf;         /* a quoted field, unescaped; reused */
  guint8        stop[256];   /* the bytes that end an unquoted field */
};

/* A lone CR ends a line as CRLF and LF do (old Mac files, and some exporters). */
static guint
count_line_ends (const guchar *data,
                 gsize         len)
{
  guint ends = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\n')
        ends++;
      else if (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n'))
        ends++;
    }
  return ends;
}

static void
set_delimiter (SdbCsvReader *self,
               char          delimiter)
{
  self->delimiter = delimiter;
  memset (self->stop, 0, sizeof self->stop);
  self->stop[(guchar) delimiter] = 1;
  self->stop['\r'] = 1;
  self->stop['\n'] = 1;
}

/* Consumes the line end at @p (CRLF, LF or a lone CR), which must be one. */
static const guchar *
skip_line_end (SdbCsvReader *self,
               const guchar *p,
               const guchar *end)
{
  g_assert (p < end && (*p == '\r' || *p == '\n'));

  if (*p == '\r' && p + 1 < end && p[1] == '\n')
    p++;
  self->line++;
  return p + 1;
}

static void
skip_blank_lines (SdbCsvReader *self)
{
  const guchar *p = self->data + self->pos;
  const guchar *end = self->data + self->len;

  while (p < end && (*p == '\r' || *p == '\n'))
    p = skip_line_end (self, p, end);
  self->pos = p - self->data;
}

/* Reads the quoted field whose opening quote is at @p into self->buf, with whatever follows its
 * closing quote up to the next delimiter or line end, as Excel reads «"abc"def» as «abcdef».
 * Returns where it stopped, or NULL at the end of the data with the quote still open. */
static const guchar *
read_quoted (SdbCsvReader *self,
             const guchar *p,
             const guchar *end)
{
  g_string_truncate (self->buf, 0);
  p++;
  for (;;)
    {
      const guchar *run = p;

      while (p < end && *p != '"' && *p != '\r' && *p != '\n')
        p++;
      g_string_append_len (self->buf, (const char *) run, p - run);
      if (p == end)
        return NULL;

      if (*p == '"')
        {
          if (p + 1 < end && p[1] == '"')
            {
              g_string_append_c (self->buf, '"');
              p += 2;
              continue;
            }
          p++;
          break;
        }

      /* A line end inside the quotes: part of the value, but still a physical line. */
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        {
          g_string_append_c (self->buf, '\n');
          p += 2;
        }
      else
        {
          g_string_append_c (self->buf, (char) *p);
          p++;
        }
      self->line++;
    }

  {
    const guchar *run = p;

    while (p < end && !self->stop[*p])
      p++;
    g_string_append_len (self->buf, (const char *) run, p - run);
  }
  return p;
}

/* Reads the record at self->pos, which is neither the end nor a blank line. */
static gboolean
read_record (SdbCsvReader  *self,
             GPtrArray    **fields,
             guint         *line,
             GError       **error)
{
  const guchar *p = self->data + self->pos;
  const guchar *end = self->data + self->len;
  guint start_line = self->line;
  g_autoptr(GPtrArray) record = g_ptr_array_new_full (self->n_fields, g_free);

  g_assert (p < end);

  for (;;)
    {
      if (p < end && *p == '"')
        {
          guint field_line = self->line;

          p = read_quoted (self, p, end);
          if (p == NULL)
            {
              self->pos = self->len;
              if (line != NULL)
                *line = field_line;
              g_set_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_SYNTAX,
                           _("The value that starts on line %u opens a quotation mark (\") that "
                             "is never closed, so everything after it would be read as one "
                             "value. Check that line in the file: a quotation mark is missing "
                             "or there is one too many. Correct it and import the file again."),
                           field_line);
              return FALSE;
            }
          g_ptr_array_add (record, g_strndup (self->buf->str, self->buf->len));
        }
      else
        {
          /* A quote further into an unquoted field is an ordinary character, as in Excel. */
          const guchar *run = p;

          while (p < end && !self->stop[*p])
            p++;
          g_ptr_array_add (record, g_strndup ((const char *) run, p - run));
        }

      if (p < end && *p == (guchar) self->delimiter)
        p++;
      else
        break;
    }

  if (p < end)
    p = skip_line_end (self, p, end);
  self->pos = p - self->data;
  self->n_fields = record->len;

  *fields = g_steal_pointer (&record);
  if (line != NULL)
    *line = start_line;
  return TRUE;
}

/* The number of fields of the first record if @delimiter separates them. */
static guint
count_header_fields (SdbCsvReader *self,
                     char          delimiter)
{
  g_autoptr(GPtrArray) fields = NULL;
  gsize pos = self->pos;
  guint line = self->line;
  guint n = 0;

  set_delimiter (self, delimiter);
  if (read_record (self, &fields, NULL, NULL))
    n = fields->len;
  self->pos = pos;
  self->line = line;
  return n;
}

static gboolean
check_text (const guchar  *data,
            gsize          len,
            GError       **error)
{
  const char *valid_end = NULL;
  gsize bad;
  guint line;

  /* Excel's "Unicode Text" is UTF-16 with a byte order mark: say so rather than blame line 1. */
  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      g_set_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING,
                   /* Translators: %s is the name of a file type in Excel's Save As dialog,
                    * “CSV UTF-8 (Comma delimited)”, left in English as Excel shows it. */
                   _("The file was saved as “Unicode Text” (UTF-16), not as CSV. Open it in "
                     "Excel, choose Save As, pick the type “%s” and import the new file."),
                   EXCEL_UTF8_TYPE);
      return FALSE;
    }

  /* Stops at the first NUL too, so whichever comes first is reported. */
  if (g_utf8_validate_len ((const char *) data, len, &valid_end))
    return TRUE;

  bad = (const guchar *) valid_end - data;
  line = count_line_ends (data, bad) + 1;
  if (data[bad] == '\0')
    g_set_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING,
                 /* Translators: %u is a line number; %s is the name of a file type in Excel's
                  * Save As dialog, “CSV UTF-8 (Comma delimited)”, left in English. */
                 _("Line %u of the file holds a NUL character (code 0), which a CSV file never "
                   "has: it is probably not a CSV file, or it was saved in another format. Open "
                   "it in Excel, choose Save As, pick the type “%s” and import the new file."),
                 line, EXCEL_UTF8_TYPE);
  else
    g_set_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING,
                 /* Translators: %u is a line number; %s is the name of a file type in Excel's
                  * Save As dialog, “CSV UTF-8 (Comma delimited)”, left in English. */
                 _("Line %u of the file is not UTF-8 text, so its Vietnamese letters cannot be "
                   "read. The file was probably saved by Excel as “CSV (Comma delimited)”: open "
                   "it in Excel, choose Save As, pick the type “%s” and import the new file."),
                 line, EXCEL_UTF8_TYPE);
  return FALSE;
}

/**
 * sdb_csv_reader_new:
 * @data: the whole file
 *
 * Prepares to read @data, a CSV file in UTF-8 with or without a BOM, whose fields are separated
 * by ',' or ';'. The delimiter is the one that separates more fields of the first record (the
 * header), each counted outside quotes; a tie, including none of either, means ','.
 *
 * Fails with %SDB_CSV_ERROR_ENCODING when @data is not UTF-8 or holds a NUL byte (the message
 * names the first bad line and what to do about it), and with %SDB_CSV_ERROR_EMPTY when it holds
 * nothing but a BOM and blank lines.
 *
 * Returns: (transfer full) (nullable): the reader, which keeps a reference on @data
 */
SdbCsvReader *
sdb_csv_reader_new (GBytes  *data,
                    GError **error)
{
  g_autoptr(SdbCsvReader) self = NULL;
  const guchar *bytes;
  gsize len = 0;
  gsize i;
  guint commas, semicolons;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if (len >= 3 && memcmp (bytes, UTF8_BOM, 3) == 0)
    {
      bytes += 3;
      len -= 3;
    }

  if (!check_text (bytes, len, error))
    return NULL;

  for (i = 0; i < len && (bytes[i] == '\r' || bytes[i] == '\n'); i++)
    ;
  if (i == len)
    {
      g_set_error_literal (error, SDB_CSV_ERROR, SDB_CSV_ERROR_EMPTY,
                           _("The file is empty: it holds no header row and no data. Check that "
                             "you chose the right file, or save it again from Excel."));
      return NULL;
    }

  self = g_new0 (SdbCsvReader, 1);
  self->bytes = g_bytes_ref (data);
  self->data = bytes;
  self->len = len;
  self->line = 1;
  self->buf = g_string_new (NULL);

  skip_blank_lines (self);
  commas = count_header_fields (self, ',');
  semicolons = count_header_fields (self, ';');
  set_delimiter (self, semicolons > commas ? ';' : ',');

  return g_steal_pointer (&self);
}

void
sdb_csv_reader_free (SdbCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_bytes_unref (reader->bytes);
  g_string_free (reader->buf, TRUE);
  g_free (reader);
}

/**
 * sdb_csv_reader_get_delimiter:
 *
 * Returns: ',' or ';', as detected from the header
 */
char
sdb_csv_reader_get_delimiter (SdbCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, ',');

  return reader->delimiter;
}

/**
 * sdb_csv_reader_next:
 * @fields: (out) (transfer full): the record's fields, as they are in the file (not trimmed,
 *   not normalized), each a newly allocated UTF-8 string freed with the array
 * @line: (out) (optional): the physical line of the file where the record starts, 1-based
 *
 * Reads the next record, skipping blank lines (nothing but an optional CR). Records may have
 * different numbers of fields. Quoted fields follow RFC 4180: "" inside quotes is one ", and the
 * delimiter and line ends inside quotes are part of the value (CRLF becoming LF). A quote that
 * does not open a field is an ordinary character, as Excel takes it.
 *
 * Returns: %TRUE with a record; %FALSE at the end (@fields set to %NULL and no error) or with
 *   %SDB_CSV_ERROR_SYNTAX when a quoted field is never closed (@line and the message then name
 *   the line where that field starts), after which the reader is at its end.
 */
gboolean
sdb_csv_reader_next (SdbCsvReader  *reader,
                     GPtrArray    **fields,
                     guint         *line,
                     GError       **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields = NULL;
  skip_blank_lines (reader);
  if (reader->pos >= reader->len)
    return FALSE;
  return read_record (reader, fields, line, error);
}

/* Writing ------------------------------------------------------------------------------------ */

/* ';' too, so that a reader guessing either delimiter splits our files the same way; the spaces
 * because some programs trim unquoted fields. */
static gboolean
needs_quotes (const char *field,
              gsize       len)
{
  if (len == 0)
    return FALSE;
  if (field[0] == ' ' || field[0] == '\t' || field[len - 1] == ' ' || field[len - 1] == '\t')
    return TRUE;
  return field[strcspn (field, ",\";\r\n")] != '\0';
}

/**
 * sdb_csv_append_record:
 * @fields: (array length=n_fields) (nullable): the fields; a %NULL one is written empty
 *
 * Appends one record to @out: the fields joined by ',', each quoted (a " doubled) only when it
 * holds ',', '"', ';', CR or LF or begins or ends with a space, then CRLF. A record of one empty
 * field is written as "" so that it is not read back as a blank line, which is skipped.
 */
void
sdb_csv_append_record (GString            *out,
                       const char * const *fields,
                       guint               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";
      gsize len = strlen (field);

      if (i > 0)
        g_string_append_c (out, ',');

      if (n_fields == 1 && len == 0)
        {
          g_string_append (out, "\"\"");
        }
      else if (needs_quotes (field, len))
        {
          const char *run = field;
          const char *quote;

          g_string_append_c (out, '"');
          while ((quote = strchr (run, '"')) != NULL)
            {
              g_string_append_len (out, run, quote + 1 - run);
              g_string_append_c (out, '"');
              run = quote + 1;
            }
          g_string_append (out, run);
          g_string_append_c (out, '"');
        }
      else
        {
          g_string_append_len (out, field, len);
        }
    }
  g_string_append (out, "\r\n");
}

/**
 * sdb_csv_append_bom:
 *
 * Appends the UTF-8 byte order mark that begins every CSV file the program writes: without it,
 * Excel opens the file in the computer's legacy code page and garbles every Vietnamese letter.
 */
void
sdb_csv_append_bom (GString *out)
{
  g_return_if_fail (out != NULL);

  g_string_append (out, UTF8_BOM);
}
