/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two habits of libxlsxwriter shape this file. It formats numbers with printf, so under a
 * Vietnamese locale 1.057 would be written "1,057" and Excel would call the file damaged: each
 * workbook is built with LC_NUMERIC set to "C" for this thread alone (uselocale, never
 * setlocale, which would change it under the GUI's other threads). And it writes straight to
 * the name it is given: the workbook goes to a private temporary file beside the destination,
 * renamed over it only once complete, so a failure never leaves half a file under that name. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "sdb-badge.h"
#include "sdb-vn.h"
#include "sdb-xlsx.h"

G_DEFINE_QUARK (sdb-xlsx-error-quark, sdb_xlsx_error)

/* Column widths, in digits of Excel's default font. */
#define MIN_WIDTH  6
#define MAX_WIDTH  60
#define TT_WIDTH   5
/* The height of a line of the default font, in points. */
#define LINE_HEIGHT 15.0
/* A column is made wider rather than let its header take more lines than this. */
#define MAX_HEADER_LINES 3
/* dd/mm/yyyy */
#define DATE_CHARS 10
/* Excel refuses a longer text in a cell. Cutting at this many bytes also keeps it under this
 * many characters, whichever libxlsxwriter counts. */
#define MAX_CELL_BYTES 32767
/* Beyond 2^53 a double no longer holds every integer: such a "number" is kept as text. */
#define MAX_EXACT_INTEGER G_GINT64_CONSTANT (9007199254740992)
#define PAPER_A4 9

/* Errors ------------------------------------------------------------------------------------- */

static void
set_errno_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, SDB_XLSX_ERROR, SDB_XLSX_ERROR_FOLDER_MISSING,
                   _("The folder of “%s” does not exist. Choose a folder that exists."), name);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, SDB_XLSX_ERROR, SDB_XLSX_ERROR_PERMISSION,
                   _("“%s” cannot be saved: you do not have permission to write in its folder. "
                     "Choose another folder."), name);
      break;
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, SDB_XLSX_ERROR, SDB_XLSX_ERROR_NO_SPACE,
                   _("The disk is full: “%s” cannot be saved. Free some space or choose another "
                     "disk."), name);
      break;
    default:
      g_set_error (error, SDB_XLSX_ERROR, SDB_XLSX_ERROR_FAILED,
                   /* TRANSLATORS: the second %s is the system's reason, e.g. "I/O error". */
                   _("“%s” cannot be saved: %s."), name, g_strerror (saved_errno));
      break;
    }
}

/* A failure of libxlsxwriter itself, which says nothing a clerk could act on. */
static void
set_library_error (GError     **error,
                   const char  *path,
                   lxw_error    rc)
{
  g_autofree char *name = g_filename_display_name (path);

  g_debug ("libxlsxwriter: %s", lxw_strerror (rc));
  g_set_error (error, SDB_XLSX_ERROR, SDB_XLSX_ERROR_FAILED,
               _("“%s” could not be written. Try again, or save it in another folder."), name);
}

/* Text --------------------------------------------------------------------------------------- */

/* Valid UTF-8 that Excel accepts in a cell. */
static char *
cell_text (const char *text)
{
  char *valid = g_utf8_make_valid (text, -1);

  if (strlen (valid) > MAX_CELL_BYTES)
    {
      char *end = valid + MAX_CELL_BYTES;

      /* Back to the first byte of the character that would be cut. */
      while (end > valid && ((guchar) *end & 0xc0) == 0x80)
        end--;
      *end = '\0';
    }
  return valid;
}

/* Widths, in digits of Excel's default font (Calibri; LibreOffice's stand-ins are about as
 * wide), of the ASCII characters, in hundredths. */
static const guint8 ascii_widths[128] = {
  [' '] = 45, ['!'] = 50, ['"'] = 60, ['#'] = 100, ['$'] = 100, ['%'] = 141, ['&'] = 135,
  ['\''] = 35, ['('] = 60, [')'] = 60, ['*'] = 100, ['+'] = 100, [','] = 50, ['-'] = 60,
  ['.'] = 50, ['/'] = 76, ['0'] = 100, ['1'] = 100, ['2'] = 100, ['3'] = 100, ['4'] = 100,
  ['5'] = 100, ['6'] = 100, ['7'] = 100, ['8'] = 100, ['9'] = 100, [':'] = 53, [';'] = 53,
  ['<'] = 100, ['='] = 100, ['>'] = 100, ['?'] = 92, ['@'] = 177,
  ['A'] = 115, ['B'] = 108, ['C'] = 105, ['D'] = 124, ['E'] = 96, ['F'] = 91, ['G'] = 124,
  ['H'] = 122, ['I'] = 50, ['J'] = 63, ['K'] = 103, ['L'] = 83, ['M'] = 169, ['N'] = 127,
  ['O'] = 131, ['P'] = 102, ['Q'] = 133, ['R'] = 107, ['S'] = 91, ['T'] = 98, ['U'] = 127,
  ['V'] = 114, ['W'] = 176, ['X'] = 103, ['Y'] = 96, ['Z'] = 93,
  ['['] = 60, ['\\'] = 76, [']'] = 60, ['^'] = 100, ['_'] = 100, ['`'] = 57,
  ['a'] = 94, ['b'] = 104, ['c'] = 83, ['d'] = 104, ['e'] = 98, ['f'] = 60, ['g'] = 93,
  ['h'] = 104, ['i'] = 45, ['j'] = 47, ['k'] = 90, ['l'] = 45, ['m'] = 158, ['n'] = 104,
  ['o'] = 104, ['p'] = 104, ['q'] = 104, ['r'] = 69, ['s'] = 77, ['t'] = 66, ['u'] = 104,
  ['v'] = 89, ['w'] = 141, ['x'] = 85, ['y'] = 89, ['z'] = 78,
  ['{'] = 60, ['|'] = 92, ['}'] = 60, ['~'] = 100,
};

/* Bold text, and the difference between fonts, take a little more. */
#define WIDTH_MARGIN 1.05

/* The width of the character at *@p, in digits, and the next one in @p. A letter outside ASCII
 * (a Vietnamese vowel with its marks, đ, ư, ơ) counts as a wide one of its case; a byte that
 * does not begin a character, as a digit. */
static double
char_width (const char **p)
{
  guchar byte = (guchar) **p;
  gunichar c;

  if (byte < 0x80)
    {
      (*p)++;
      return WIDTH_MARGIN * ascii_widths[byte] / 100.0;
    }
  c = g_utf8_get_char_validated (*p, -1);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      (*p)++;
      return WIDTH_MARGIN;
    }
  *p = g_utf8_next_char (*p);
  return WIDTH_MARGIN * (g_unichar_isupper (c) ? 1.31 : 1.05);
}

/* The width of @text's widest line, or with @words of its widest word (headers wrap, so a
 * column needs only the room of their longest word), in digits. */
static double
text_width_of (const char *text,
               gboolean    words)
{
  double widest = 0;
  double line = 0;

  for (const char *p = text; *p != '\0'; )
    {
      if (*p == '\n' || (words && (*p == ' ' || *p == '\t')))
        {
          line = 0;
          p++;
          continue;
        }
      line += char_width (&p);
      widest = MAX (widest, line);
    }
  return widest;
}

static double
text_width (const char *text)
{
  return text_width_of (text, FALSE);
}

static double
longest_word (const char *text)
{
  return text_width_of (text, TRUE);
}

/* How many lines @text takes in a cell that wraps it at its spaces and line breaks, in a
 * column @width digits wide. A word wider than the column is broken across lines. */
static glong
wrapped_lines (const char *text,
               double      width)
{
  const char *space = " ";
  double space_width = char_width (&space);
  double line = 0;
  glong lines = 1;

  for (const char *p = text; *p != '\0'; )
    {
      double word = 0;

      if (*p == '\n')
        {
          lines++;
          line = 0;
          p++;
          continue;
        }
      if (*p == ' ' || *p == '\t')
        {
          p++;
          continue;
        }
      while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
        word += char_width (&p);
      if (line > 0 && line + space_width + word > width)
        {
          lines++;
          line = 0;
        }
      else if (line > 0)
        line += space_width;
      for (line += word; line > width; line -= width)
        lines++;
    }
  return lines;
}

/* The whole number of digits @width needs (without libm's ceil ()). */
static double
whole_digits (double width)
{
  double whole = (double) (gint64) width;

  return whole < width ? whole + 1 : whole;
}

static double
column_width (double text)
{
  /* One digit more than the text, for the cell's margins. */
  return CLAMP (whole_digits (text) + 1, MIN_WIDTH, MAX_WIDTH);
}

/* Excel forbids []:*?/\ in a sheet's name, an apostrophe at either end and more than 31
 * characters. Returns %NULL for libxlsxwriter's default name when nothing is left. */
static char *
sheet_name_make_valid (const char *name)
{
  g_autofree char *valid = NULL;
  g_autofree char *kept = NULL;
  GString *out;
  glong length = 0;
  char *start;
  char *end;

  if (name == NULL)
    return NULL;

  valid = g_utf8_make_valid (name, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0' && length < LXW_SHEETNAME_MAX; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20)
        continue;
      if (c < 0x80 && strchr ("[]:*?/\\", (int) c) != NULL)
        c = '-';
      g_string_append_unichar (out, c);
      length++;
    }
  kept = g_string_free (out, FALSE);

  start = g_strstrip (kept);
  while (*start == '\'')
    start++;
  end = start + strlen (start);
  while (end > start && end[-1] == '\'')
    end--;
  *end = '\0';
  g_strstrip (start);

  return *start != '\0' ? g_strdup (start) : NULL;
}

/* Numbers ------------------------------------------------------------------------------------ */

static gboolean
parse_integer (const char *text,
               double     *value)
{
  gint64 parsed;

  if (!g_ascii_string_to_signed (text, 10, -MAX_EXACT_INTEGER, MAX_EXACT_INTEGER, &parsed, NULL))
    return FALSE;
  *value = (double) parsed;
  return TRUE;
}

/* "105.7" → 1.057. The digits are read as one exact integer and divided by an exact power of
 * ten, so the result is the double nearest the written number over 100, as tenths / 1000.0 is
 * for the figures: never a sum of binary fractions. */
static gboolean
parse_percent (const char *text,
               double     *fraction)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  double scale = 100;
  guint digits = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; g_ascii_isdigit (*p); p++, digits++)
    mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (digits == 0)
    return FALSE;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++, digits++)
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          scale *= 10;
        }
    }
  /* Fifteen digits stay exact in a double, and so does their product with 10. */
  if (*p != '\0' || digits > 15)
    return FALSE;

  *fraction = (negative ? -1.0 : 1.0) * ((double) mantissa / scale);
  return TRUE;
}

/* The workbook ------------------------------------------------------------------------------- */

typedef enum
{
  STYLE_TITLE,
  STYLE_HEADER,
  STYLE_TEXT,
  STYLE_INDENTED,
  STYLE_CENTER,
  STYLE_INTEGER,
  STYLE_COUNT,
  STYLE_DATE,
  STYLE_PERCENT,
  STYLE_BOLD,
  STYLE_BOLD_CENTER,
  STYLE_BOLD_INTEGER,
  STYLE_BOLD_PERCENT,
  N_STYLES
} Style;

typedef enum
{
  CELL_BORDER = 1 << 0,
  CELL_BOLD   = 1 << 1,
  CELL_CENTER = 1 << 2,
  CELL_WRAP   = 1 << 3,
  CELL_INDENT = 1 << 4,
  CELL_LARGE  = 1 << 5,
} CellFlags;

static const struct
{
  CellFlags   flags;
  const char *num_format;
} style_specs[N_STYLES] = {
  [STYLE_TITLE] = { CELL_BOLD | CELL_CENTER | CELL_WRAP | CELL_LARGE, NULL },
  [STYLE_HEADER] = { CELL_BORDER | CELL_BOLD | CELL_CENTER | CELL_WRAP, NULL },
  [STYLE_TEXT] = { CELL_BORDER | CELL_WRAP, NULL },
  [STYLE_INDENTED] = { CELL_BORDER | CELL_WRAP | CELL_INDENT, NULL },
  [STYLE_CENTER] = { CELL_BORDER | CELL_CENTER, NULL },
  /* An integer column may hold years, which are never grouped. */
  [STYLE_INTEGER] = { CELL_BORDER, NULL },
  [STYLE_COUNT] = { CELL_BORDER, "#,##0" },
  [STYLE_DATE] = { CELL_BORDER | CELL_CENTER, "dd/mm/yyyy" },
  [STYLE_PERCENT] = { CELL_BORDER, "0.0%" },
  [STYLE_BOLD] = { CELL_BORDER | CELL_BOLD | CELL_WRAP, NULL },
  [STYLE_BOLD_CENTER] = { CELL_BORDER | CELL_BOLD | CELL_CENTER | CELL_WRAP, NULL },
  [STYLE_BOLD_INTEGER] = { CELL_BORDER | CELL_BOLD, NULL },
  [STYLE_BOLD_PERCENT] = { CELL_BORDER | CELL_BOLD, "0.0%" },
};

typedef struct
{
  const char    *path;
  char          *tmp_path;      /* %NULL once renamed to @path */
  locale_t       numeric_c;
  locale_t       saved_locale;
  lxw_workbook  *workbook;
  lxw_worksheet *sheet;
  lxw_format    *styles[N_STYLES];
  lxw_error      failure;       /* the first failed write, reported when the file is closed */
} Writer;

static void
check (Writer    *w,
       lxw_error  rc)
{
  if (rc != LXW_NO_ERROR && w->failure == LXW_NO_ERROR)
    w->failure = rc;
}

static void
restore_locale (Writer *w)
{
  if (w->numeric_c == (locale_t) 0)
    return;
  uselocale (w->saved_locale);
  freelocale (w->numeric_c);
  w->numeric_c = (locale_t) 0;
}

/* Undoes whatever writer_begin () and the writes left behind; nothing is left on disk. */
static void
writer_clear (Writer *w)
{
  g_clear_pointer (&w->workbook, lxw_workbook_free);
  restore_locale (w);
  if (w->tmp_path != NULL)
    g_unlink (w->tmp_path);
  g_clear_pointer (&w->tmp_path, g_free);
}

/* With @row_by_row, each row goes to a temporary file once the next is begun, and strings are
 * kept in their cells rather than in a shared table: a sheet of 200.000 members then needs a
 * third of the memory and two thirds of the time. Rows must then be written in order, each
 * whole. */
static gboolean
writer_begin (Writer      *w,
              const char  *path,
              const char  *sheet_name,
              gboolean     row_by_row,
              GError     **error)
{
  lxw_workbook_options options = { .constant_memory = row_by_row ? LXW_TRUE : LXW_FALSE };
  g_autofree char *name = sheet_name_make_valid (sheet_name);
  locale_t current;
  int fd;

  memset (w, 0, sizeof *w);
  w->path = path;

  /* Created 0600 here, then truncated and filled by libxlsxwriter, which keeps the mode: the
   * records are confidential from the first byte. */
  w->tmp_path = g_strconcat (path, ".tmp-XXXXXX", NULL);
  fd = g_mkstemp_full (w->tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, path, errno);
      g_clear_pointer (&w->tmp_path, g_free);
      return FALSE;
    }
  g_close (fd, NULL);

  current = duplocale (uselocale ((locale_t) 0));
  if (current != (locale_t) 0)
    w->numeric_c = newlocale (LC_NUMERIC_MASK, "C", current);
  if (w->numeric_c == (locale_t) 0)
    {
      if (current != (locale_t) 0)
        freelocale (current);
      set_errno_error (error, path, errno);
      writer_clear (w);
      return FALSE;
    }
  w->saved_locale = uselocale (w->numeric_c);

  w->workbook = workbook_new_opt (w->tmp_path, &options);
  if (w->workbook == NULL)
    {
      set_library_error (error, path, LXW_ERROR_MEMORY_MALLOC_FAILED);
      writer_clear (w);
      return FALSE;
    }
  w->sheet = workbook_add_worksheet (w->workbook, name);
  if (w->sheet == NULL)
    w->sheet = workbook_add_worksheet (w->workbook, NULL);

  for (guint i = 0; i < N_STYLES; i++)
    {
      lxw_format *format = workbook_add_format (w->workbook);
      CellFlags flags = style_specs[i].flags;

      format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
      if (flags & CELL_BORDER)
        format_set_border (format, LXW_BORDER_THIN);
      if (flags & CELL_BOLD)
        format_set_bold (format);
      if (flags & CELL_CENTER)
        format_set_align (format, LXW_ALIGN_CENTER);
      if (flags & CELL_WRAP)
        format_set_text_wrap (format);
      if (flags & CELL_INDENT)
        format_set_indent (format, 1);
      if (flags & CELL_LARGE)
        format_set_font_size (format, 14);
      if (style_specs[i].num_format != NULL)
        format_set_num_format (format, style_specs[i].num_format);
      w->styles[i] = format;
    }

  /* The office prints on A4; a table wider than the page shrinks to fit it. */
  worksheet_set_paper (w->sheet, PAPER_A4);
  worksheet_fit_to_pages (w->sheet, 1, 0);
  return TRUE;
}

static gboolean
writer_finish (Writer  *w,
               GError **error)
{
  lxw_error rc;
  int saved_errno;

  errno = 0;
  rc = workbook_close (w->workbook);
  saved_errno = errno;
  /* Freed by workbook_close (), whatever it returned. */
  w->workbook = NULL;
  restore_locale (w);

  if (rc == LXW_NO_ERROR && w->failure != LXW_NO_ERROR)
    rc = w->failure;
  if (rc != LXW_NO_ERROR)
    {
      if (saved_errno != 0
          && (rc == LXW_ERROR_CREATING_XLSX_FILE || rc == LXW_ERROR_CREATING_TMPFILE
              || rc == LXW_ERROR_ZIP_FILE_OPERATION || rc == LXW_ERROR_ZIP_CLOSE))
        set_errno_error (error, w->path, saved_errno);
      else
        set_library_error (error, w->path, rc);
      writer_clear (w);
      return FALSE;
    }

  /* No chmod here: the file is 0600 since its creation, and on a FAT memory stick, where an
   * office often takes its files, chmod fails. */
  if (g_rename (w->tmp_path, w->path) != 0)
    {
      set_errno_error (error, w->path, errno);
      writer_clear (w);
      return FALSE;
    }
  g_clear_pointer (&w->tmp_path, g_free);
  return TRUE;
}

static void
write_text (Writer     *w,
            lxw_row_t   row,
            lxw_col_t   col,
            const char *text,
            Style       style)
{
  g_autofree char *valid = cell_text (text);

  check (w, worksheet_write_string (w->sheet, row, col, valid, w->styles[style]));
}

static void
write_number (Writer    *w,
              lxw_row_t  row,
              lxw_col_t  col,
              double     value,
              Style      style)
{
  check (w, worksheet_write_number (w->sheet, row, col, value, w->styles[style]));
}

static void
write_blank (Writer    *w,
             lxw_row_t  row,
             lxw_col_t  col,
             Style      style)
{
  check (w, worksheet_write_blank (w->sheet, row, col, w->styles[style]));
}

/* The title above the table, merged across its columns and as tall as its lines need. */
static void
write_title (Writer     *w,
             const char *title,
             lxw_col_t   last_col,
             double      table_width)
{
  g_autofree char *valid = cell_text (title);
  /* The title's font is larger than the table's by about a third. */
  glong needed = (glong) whole_digits (text_width (valid) * 1.35) + 2;
  glong available = MAX ((glong) table_width, 1);
  glong lines = MAX (1, (needed + available - 1) / available);

  if (last_col > 0)
    check (w, worksheet_merge_range (w->sheet, 0, 0, 0, last_col, valid,
                                     w->styles[STYLE_TITLE]));
  else
    check (w, worksheet_write_string (w->sheet, 0, 0, valid, w->styles[STYLE_TITLE]));
  check (w, worksheet_set_row (w->sheet, 0, 24.0 * (double) lines, NULL));
}

/* Row @row as tall as @lines lines; a row of one line keeps the default height. */
static void
set_row_lines (Writer    *w,
               lxw_row_t  row,
               glong      lines)
{
  if (lines > 1)
    check (w, worksheet_set_row (w->sheet, row, LINE_HEIGHT * (double) lines, NULL));
}

/* The header row stays in view while the rows scroll under it, and is printed on every page. */
static void
freeze_header (Writer    *w,
               lxw_row_t  header_row,
               double     table_width)
{
  worksheet_freeze_panes (w->sheet, header_row + 1, 0);
  check (w, worksheet_repeat_rows (w->sheet, header_row, header_row));
  if (table_width > 100)
    worksheet_set_landscape (w->sheet);
}

/* Tables ------------------------------------------------------------------------------------- */

typedef struct
{
  double width;  /* the widest text shown, in digits */
  double sum;
} ColumnState;

static Style
style_of_type (SdbXlsxType type)
{
  switch (type)
    {
    case SDB_XLSX_INTEGER:
      return STYLE_INTEGER;
    case SDB_XLSX_DATE:
      return STYLE_DATE;
    case SDB_XLSX_PERCENT:
      return STYLE_PERCENT;
    case SDB_XLSX_TEXT:
    default:
      return STYLE_TEXT;
    }
}

/* How wide @text is shown in a column of @type, in digits, as write_cell () writes it. */
static double
cell_width (SdbXlsxType  type,
            const char  *text)
{
  g_autofree char *shown = NULL;
  double value;
  SdbDate date;

  if (text == NULL || *text == '\0')
    return 0;
  switch (type)
    {
    case SDB_XLSX_INTEGER:
      if (parse_integer (text, &value))
        return (double) strlen (text);
      break;
    case SDB_XLSX_PERCENT:
      /* Shown with one decimal and a % sign. */
      if (parse_percent (text, &value))
        return (double) strlen (text) + 3;
      break;
    case SDB_XLSX_DATE:
      if (!sdb_date_from_iso (text, &date))
        break;
      if (sdb_date_get_precision (&date) == SDB_DATE_PRECISION_DAY)
        return DATE_CHARS;
      shown = sdb_vn_format_date (&date);
      return text_width (shown);
    case SDB_XLSX_TEXT:
    default:
      break;
    }
  return text_width (text);
}

static gboolean
write_date (Writer      *w,
            lxw_row_t    row,
            lxw_col_t    col,
            const char  *text)
{
  SdbDate date;
  g_autofree char *shown = NULL;

  if (!sdb_date_from_iso (text, &date))
    return FALSE;

  if (sdb_date_get_precision (&date) == SDB_DATE_PRECISION_DAY)
    {
      lxw_datetime datetime = { date.year, date.month, date.day, 0, 0, 0.0 };

      check (w, worksheet_write_datetime (w->sheet, row, col, &datetime,
                                          w->styles[STYLE_DATE]));
      return TRUE;
    }

  /* Excel has no partial dates: "02/2024" stays the text an office writes. */
  shown = sdb_vn_format_date (&date);
  write_text (w, row, col, shown, STYLE_CENTER);
  return TRUE;
}

/* A cell that does not read as its column's type is written as the text it is, rather than
 * lost. */
static void
write_cell (Writer      *w,
            lxw_row_t    row,
            lxw_col_t    col,
            SdbXlsxType  type,
            const char  *text,
            ColumnState *state)
{
  double value;

  if (text == NULL || *text == '\0')
    {
      write_blank (w, row, col, style_of_type (type));
      return;
    }

  switch (type)
    {
    case SDB_XLSX_INTEGER:
      if (parse_integer (text, &value))
        {
          write_number (w, row, col, value, STYLE_INTEGER);
          state->sum += value;
          return;
        }
      break;
    case SDB_XLSX_PERCENT:
      if (parse_percent (text, &value))
        {
          write_number (w, row, col, value, STYLE_PERCENT);
          state->sum += value;
          return;
        }
      break;
    case SDB_XLSX_DATE:
      if (write_date (w, row, col, text))
        return;
      break;
    case SDB_XLSX_TEXT:
    default:
      break;
    }

  write_text (w, row, col, text, STYLE_TEXT);
}

/* "Tổng cộng", merged across the columns before the first sum, then a SUM formula under each
 * marked column, with its value computed so that a viewer that does not recalculate shows it
 * too. */
static void
write_totals (Writer              *w,
              lxw_row_t            first_row,
              guint                n_rows,
              const SdbXlsxColumn *columns,
              guint                n_columns,
              const ColumnState   *states)
{
  lxw_row_t row = first_row + n_rows;
  /* TRANSLATORS: the label of a spreadsheet's last row, which sums the columns above. */
  const char *label = C_("spreadsheet", "Total");
  guint first_total = 0;

  while (!columns[first_total].total)
    first_total++;

  /* Data column i is the sheet's column i + 1, after the row numbers. */
  if (first_total > 0)
    check (w, worksheet_merge_range (w->sheet, row, 0, row, first_total, label,
                                     w->styles[STYLE_BOLD]));
  else
    write_text (w, row, 0, label, STYLE_BOLD);

  for (guint i = first_total; i < n_columns; i++)
    {
      lxw_col_t col = i + 1;
      Style style = columns[i].type == SDB_XLSX_PERCENT ? STYLE_BOLD_PERCENT : STYLE_BOLD_INTEGER;
      char range[LXW_MAX_CELL_RANGE_LENGTH];
      g_autofree char *formula = NULL;

      if (!columns[i].total)
        {
          write_blank (w, row, col, STYLE_BOLD);
          continue;
        }
      /* An empty range would read backwards into the header. */
      if (n_rows == 0)
        {
          write_number (w, row, col, 0, style);
          continue;
        }
      lxw_rowcol_to_range (range, first_row, col, first_row + n_rows - 1, col);
      formula = g_strdup_printf ("=SUM(%s)", range);
      check (w, worksheet_write_formula_num (w->sheet, row, col, formula, w->styles[style],
                                             states[i].sum));
    }
}

/* Row numbers take little room; the header is short too ("TT"). */
static double
number_column_width (const char *header,
                     guint       n_rows)
{
  g_autofree char *last = g_strdup_printf ("%u", n_rows);
  double digits = MAX (longest_word (header), (double) strlen (last));

  return MAX (TT_WIDTH, whole_digits (digits) + 1);
}

/**
 * sdb_xlsx_write_table:
 * @path: the .xlsx file to write; an existing file is replaced
 * @sheet_name: (nullable): the sheet's name, made valid for Excel; %NULL for Excel's default
 * @title: (nullable): a line above the table, merged across it
 * @columns: (array length=n_columns): the columns after the row numbers
 * @rows: arrays (char **) of @n_columns texts each; a %NULL or "" text is an empty cell
 *
 * Writes one sheet: a column numbering the rows ("TT"), then @columns. The header row is bold,
 * wrapped, bordered and frozen so that the rows scroll under it, and as tall as its longest
 * header's lines; every cell has a thin border; each column is as wide as its longest text
 * (6 to 60 characters), and wide enough for its header in three lines. When a column is marked
 * total, a last row ("Tổng cộng") sums it. Integers, dates and percentages are written as
 * numbers, each in its type's format; a cell that does not read as its type stays text.
 *
 * The file is private to its owner (0600) and appears under @path only once complete: it is
 * written to "@path.tmp-XXXXXX" in the same folder, then renamed.
 *
 * Returns: %FALSE with @error set when the file cannot be written; nothing is then left behind
 */
gboolean
sdb_xlsx_write_table (const char          *path,
                      const char          *sheet_name,
                      const char          *title,
                      const SdbXlsxColumn *columns,
                      guint                n_columns,
                      GPtrArray           *rows,
                      GError             **error)
{
  Writer w;
  g_autofree ColumnState *states = NULL;
  g_autofree double *widths = NULL;
  /* Like the headers of @columns, the row numbers' is the one Vietnamese offices write. */
  const char *number_header = "TT";
  glong header_height = 1;
  lxw_row_t header_row = title != NULL ? 1 : 0;
  lxw_row_t first_row = header_row + 1;
  gboolean has_total = FALSE;
  double number_width;
  double table_width;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (columns != NULL || n_columns == 0, FALSE);
  g_return_val_if_fail (n_columns < LXW_COL_MAX, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (rows->len < LXW_ROW_MAX - 3, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (guint i = 0; i < n_columns; i++)
    {
      g_return_val_if_fail (columns[i].header != NULL, FALSE);
      g_return_val_if_fail (!columns[i].total || columns[i].type == SDB_XLSX_INTEGER
                            || columns[i].type == SDB_XLSX_PERCENT, FALSE);
      has_total |= columns[i].total;
    }

  /* The widths come first, from every row: each row is then written once, in order, with
   * the height of its wrapped lines. */
  states = g_new0 (ColumnState, MAX (n_columns, 1));
  widths = g_new0 (double, MAX (n_columns, 1));
  for (guint i = 0; i < n_columns; i++)
    states[i].width = longest_word (columns[i].header);
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      g_assert (cells != NULL || n_columns == 0);
      for (guint i = 0; i < n_columns; i++)
        states[i].width = MAX (states[i].width, cell_width (columns[i].type, cells[i]));
    }
  number_width = number_column_width (number_header, rows->len);
  table_width = number_width;
  for (guint i = 0; i < n_columns; i++)
    {
      double width = column_width (states[i].width);

      while (wrapped_lines (columns[i].header, width) > MAX_HEADER_LINES && width < MAX_WIDTH)
        width++;
      widths[i] = width;
      table_width += width;
      header_height = MAX (header_height, wrapped_lines (columns[i].header, width));
    }

  if (!writer_begin (&w, path, sheet_name, TRUE, error))
    return FALSE;
  check (&w, worksheet_set_column (w.sheet, 0, 0, number_width, NULL));
  for (guint i = 0; i < n_columns; i++)
    check (&w, worksheet_set_column (w.sheet, i + 1, i + 1, widths[i], NULL));
  if (title != NULL)
    write_title (&w, title, n_columns, table_width);

  /* A program that opens the file need not make a row taller for its wrapped lines
   * (LibreOffice 7.4 cuts them off and draws them over the next rows): each row that wraps
   * is given their height. */
  set_row_lines (&w, header_row, header_height);
  write_text (&w, header_row, 0, number_header, STYLE_HEADER);
  for (guint i = 0; i < n_columns; i++)
    write_text (&w, header_row, i + 1, columns[i].header, STYLE_HEADER);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      glong lines = 1;

      /* A column is as wide as its widest text up to MAX_WIDTH: only there, or at a line
       * break, can a text take more than one line. */
      for (guint i = 0; i < n_columns; i++)
        if (cells[i] != NULL
            && (widths[i] >= MAX_WIDTH || strchr (cells[i], '\n') != NULL))
          lines = MAX (lines, wrapped_lines (cells[i], widths[i]));
      set_row_lines (&w, first_row + r, lines);
      write_number (&w, first_row + r, 0, r + 1, STYLE_CENTER);
      for (guint i = 0; i < n_columns; i++)
        write_cell (&w, first_row + r, i + 1, columns[i].type, cells[i], &states[i]);
    }

  if (has_total)
    write_totals (&w, first_row, rows->len, columns, n_columns, states);
  freeze_header (&w, header_row, table_width);

  return writer_finish (&w, error);
}

/* The year's figures ------------------------------------------------------------------------- */

/* The sheet is an official table, sent upward with the review: like sdb-report.c, its labels
 * are Vietnamese here and do not go through gettext. */

static const char *const roman_numerals[] = {
  "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
};

static const char *const kind_labels[SDB_STATS_ORGANIZATION_KINDS] = {
  [SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO] = "Đảng bộ cấp trên cơ sở",
  [SDB_ORGANIZATION_KIND_DANG_BO_CO_SO] = "Đảng bộ cơ sở",
  [SDB_ORGANIZATION_KIND_CHI_BO_CO_SO] = "Chi bộ cơ sở",
  [SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN] = "Đảng bộ bộ phận",
  [SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC] = "Chi bộ trực thuộc",
};

static const char *const grade_labels[SDB_STATS_GRADES] = {
  [SDB_GRADE_EXCELLENT] = "Hoàn thành xuất sắc nhiệm vụ",
  [SDB_GRADE_GOOD] = "Hoàn thành tốt nhiệm vụ",
  [SDB_GRADE_DONE] = "Hoàn thành nhiệm vụ",
  [SDB_GRADE_FAILED] = "Không hoàn thành nhiệm vụ",
};

static const char *const leaving_labels[SDB_STATS_LEAVING_REASONS] = {
  [SDB_LEAVING_REASON_DIED] = "Từ trần",
  [SDB_LEAVING_REASON_STRUCK_OFF] = "Xóa tên",
  [SDB_LEAVING_REASON_EXPELLED] = "Khai trừ",
  [SDB_LEAVING_REASON_RESIGNED] = "Xin ra khỏi Đảng",
};

static const char *const meeting_labels[SDB_STATS_MEETING_KINDS] = {
  [SDB_MEETING_KIND_EXECUTIVE] = "Hội nghị Ban Chấp hành",
  [SDB_MEETING_KIND_STANDING] = "Hội nghị Ban Thường vụ",
  [SDB_MEETING_KIND_STANDING_MEMBERS] = "Hội nghị Thường trực",
  [SDB_MEETING_KIND_YEAR_END] = "Hội nghị tổng kết",
  [SDB_MEETING_KIND_MID_TERM] = "Hội nghị sơ kết",
  [SDB_MEETING_KIND_THEMATIC] = "Hội nghị chuyên đề",
  [SDB_MEETING_KIND_DISSEMINATION] = "Hội nghị học tập, quán triệt",
  [SDB_MEETING_KIND_OTHER] = "Hội nghị khác",
};

enum
{
  STATS_COL_NUMBER,
  STATS_COL_LABEL,
  STATS_COL_COUNT,
  STATS_COL_PERCENT,
  STATS_N_COLS
};

typedef struct
{
  Writer    *w;
  lxw_row_t  row;
  guint      sections;
  guint      items;        /* within the current section */
  double     label_width;
} StatsSheet;

/* A section's row: its roman numeral and its name, in bold. */
static void
add_section (StatsSheet *s,
             const char *label)
{
  g_assert (s->sections < G_N_ELEMENTS (roman_numerals));

  write_text (s->w, s->row, STATS_COL_NUMBER, roman_numerals[s->sections++], STYLE_BOLD_CENTER);
  write_text (s->w, s->row, STATS_COL_LABEL, label, STYLE_BOLD);
  write_blank (s->w, s->row, STATS_COL_COUNT, STYLE_BOLD);
  write_blank (s->w, s->row, STATS_COL_PERCENT, STYLE_BOLD);
  s->label_width = MAX (s->label_width, text_width (label));
  s->items = 0;
  s->row++;
}

/* One figure, with its share of @base when @base is above 0. The share is computed from the
 * two integer counts, rounded half up to a tenth of a percent as everywhere else; the cell
 * holds exactly that rounded share. */
static void
add_item (StatsSheet *s,
          gboolean    indented,
          const char *label,
          gint64      count,
          gint64      base)
{
  gint64 tenths;

  write_number (s->w, s->row, STATS_COL_NUMBER, ++s->items, STYLE_CENTER);
  write_text (s->w, s->row, STATS_COL_LABEL, label, indented ? STYLE_INDENTED : STYLE_TEXT);
  write_number (s->w, s->row, STATS_COL_COUNT, (double) count, STYLE_COUNT);
  if (base > 0 && sdb_vn_percent_tenths (count, base, &tenths))
    write_number (s->w, s->row, STATS_COL_PERCENT, tenths / 1000.0, STYLE_PERCENT);
  else
    write_blank (s->w, s->row, STATS_COL_PERCENT, STYLE_PERCENT);
  /* The indent takes about two characters. */
  s->label_width = MAX (s->label_width, text_width (label) + (indented ? 2 : 0));
  s->row++;
}

static void
add_organizations (StatsSheet     *s,
                   const SdbStats *stats,
                   const char     *year_end)
{
  static const SdbOrganizationKind others[] = {
    SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO,
    SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN,
    SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC,
  };
  g_autofree char *section = g_strdup_printf ("Tổ chức đảng (tính đến %s)", year_end);

  add_section (s, section);
  add_item (s, FALSE, "Tổ chức cơ sở đảng", sdb_stats_get_grassroots (stats), 0);
  add_item (s, TRUE, kind_labels[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO],
            stats->organizations[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO], 0);
  add_item (s, TRUE, kind_labels[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO],
            stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO], 0);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    add_item (s, FALSE, kind_labels[others[i]], stats->organizations[others[i]], 0);
}

static void
add_members (StatsSheet     *s,
             const SdbStats *stats,
             const char     *year,
             const char     *year_end)
{
  g_autofree char *section = g_strdup_printf ("Đảng viên (tính đến %s)", year_end);
  g_autofree char *movement = g_strdup_printf ("Biến động đảng viên trong năm %s", year);

  add_section (s, section);
  add_item (s, FALSE, "Tổng số đảng viên", stats->total, 0);
  add_item (s, TRUE, "Đảng viên chính thức", stats->official, 0);
  add_item (s, TRUE, "Đảng viên dự bị", stats->probationary, 0);
  add_item (s, TRUE, "Đảng viên được miễn công tác và sinh hoạt đảng", stats->exempt, 0);

  add_section (s, movement);
  add_item (s, FALSE, "Kết nạp đảng viên mới", stats->admitted, 0);
  add_item (s, FALSE, "Kết nạp lại", stats->readmitted, 0);
  add_item (s, FALSE, "Tiếp nhận đảng viên chuyển đến", stats->transferred_in, 0);
  add_item (s, FALSE, "Đảng viên chuyển đi", stats->transferred_out, 0);
  for (guint reason = 0; reason < SDB_STATS_LEAVING_REASONS; reason++)
    add_item (s, FALSE, leaving_labels[reason], stats->left[reason], 0);
}

/* A target of 0 has no percentage: the share is left empty. */
static void
add_admissions (StatsSheet     *s,
                const SdbStats *stats,
                const char     *year)
{
  add_section (s, "Kết nạp đảng viên so với chỉ tiêu");
  if (stats->has_target)
    {
      g_autofree char *target = g_strdup_printf ("Chỉ tiêu kết nạp năm %s", year);

      add_item (s, FALSE, target, stats->target, 0);
      add_item (s, FALSE, "Kết nạp trong năm (tỷ lệ đạt chỉ tiêu)", stats->admitted,
                stats->target);
    }
  else
    {
      add_item (s, FALSE, "Kết nạp trong năm", stats->admitted, 0);
    }

  if (stats->has_term)
    {
      g_autofree char *first = sdb_vn_format_year (stats->term_first_year);
      g_autofree char *last = sdb_vn_format_year (stats->term_last_year);
      /* An en dash between the years, as documents write a term. */
      g_autofree char *target = g_strdup_printf ("Chỉ tiêu kết nạp nhiệm kỳ %s\u2013%s", first,
                                                 last);

      add_item (s, FALSE, target, stats->term_target, 0);
      add_item (s, FALSE, "Kết nạp từ đầu nhiệm kỳ đến nay (tỷ lệ đạt chỉ tiêu)",
                stats->term_count, stats->term_target);
    }
}

/* Each share is over those rated, from its own count: "trở lên" too, never the sum of two
 * rounded shares. */
static void
add_ratings (StatsSheet            *s,
             const char            *section,
             const char            *rated,
             const SdbRatingCounts *counts)
{
  add_section (s, section);
  add_item (s, FALSE, rated, counts->rated, 0);
  for (guint grade = 0; grade < SDB_STATS_GRADES; grade++)
    add_item (s, TRUE, grade_labels[grade], counts->grades[grade], counts->rated);
  add_item (s, TRUE, "Hoàn thành tốt nhiệm vụ trở lên", sdb_rating_counts_good_or_better (counts),
            counts->rated);
  add_item (s, FALSE, "Không xếp loại", counts->not_rated, 0);
  add_item (s, FALSE, "Chưa đánh giá, xếp loại", counts->missing, 0);
}

static void
add_badges (StatsSheet     *s,
            const SdbStats *stats)
{
  guint n_steps;
  const int *steps = sdb_badge_get_steps (&n_steps);

  add_section (s, "Huy hiệu Đảng");
  add_item (s, FALSE, "Tổng số Huy hiệu Đảng được trao tặng", stats->badges_total, 0);
  /* The highest party age first, as the ceremony gives them and the review lists them. */
  for (guint i = MIN (n_steps, SDB_STATS_BADGE_STEPS); i-- > 0;)
    {
      g_autofree char *label = NULL;

      if (stats->badges[i] <= 0)
        continue;
      label = g_strdup_printf ("Huy hiệu %d năm tuổi Đảng", steps[i]);
      add_item (s, TRUE, label, stats->badges[i], 0);
    }
}

static void
add_awards (StatsSheet     *s,
            const SdbStats *stats)
{
  add_section (s, "Khen thưởng");
  add_item (s, FALSE, "Khen thưởng tập thể", stats->awards_collective, 0);
  add_item (s, FALSE, "Khen thưởng cá nhân", stats->awards_individual, 0);
}

static void
add_meetings (StatsSheet     *s,
              const SdbStats *stats)
{
  add_section (s, "Hội nghị");
  add_item (s, FALSE, "Tổng số hội nghị", stats->meetings_total, 0);
  for (guint kind = 0; kind < SDB_STATS_MEETING_KINDS; kind++)
    if (stats->meetings[kind] > 0)
      add_item (s, TRUE, meeting_labels[kind], stats->meetings[kind], 0);
}

/**
 * sdb_xlsx_write_stats:
 * @path: the .xlsx file to write; an existing file is replaced
 * @stats: the figures of one year
 *
 * Writes the year's figures as one sheet laid out as an office's yearly table: a title
 * "SỐ LIỆU NĂM 2024 — <committee>", then "TT | Chỉ tiêu | Số lượng | Tỷ lệ (%)" in sections
 * numbered I, II, … (organizations, members, movements, admissions against targets, ratings
 * of the TCCS and of the members, badges, awards, meetings). A section whose figures have no
 * records is left out. Shares are numbers in the format 0.0%, each rounded from its own integer
 * counts. The labels are Vietnamese whatever the interface language: this is a document the
 * office sends upward.
 *
 * The file is written as by sdb_xlsx_write_table (): private, and complete or absent.
 *
 * Returns: %FALSE with @error set when the file cannot be written
 */
gboolean
sdb_xlsx_write_stats (const char      *path,
                      const SdbStats  *stats,
                      GError         **error)
{
  static const char *const headers[STATS_N_COLS] = {
    "TT", "Chỉ tiêu", "Số lượng", "Tỷ lệ (%)",
  };
  SdbDate last_day = { 0, 12, 31 };
  g_autofree char *year = NULL;
  g_autofree char *year_end = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sheet_name = NULL;
  StatsSheet s = { NULL, 0, 0, 0, 0 };
  lxw_row_t header_row = 1;
  double label_width;
  double table_width;
  Writer w;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (stats->committee != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  last_day.year = (gint16) stats->year;
  year = sdb_vn_format_year (stats->year);
  year_end = sdb_vn_format_date (&last_day);
  title = g_strdup_printf ("SỐ LIỆU NĂM %s \u2014 %s", year, stats->committee);
  sheet_name = g_strdup_printf ("Số liệu năm %s", year);

  /* Its title, written last, goes above rows already written. */
  if (!writer_begin (&w, path, sheet_name, FALSE, error))
    return FALSE;

  for (guint col = 0; col < STATS_N_COLS; col++)
    write_text (&w, header_row, col, headers[col], STYLE_HEADER);

  s.w = &w;
  s.row = header_row + 1;
  s.label_width = text_width (headers[STATS_COL_LABEL]);
  if (stats->has_organizations)
    add_organizations (&s, stats, year_end);
  if (stats->has_members)
    add_members (&s, stats, year, year_end);
  if (stats->has_members || stats->has_target || stats->has_term)
    add_admissions (&s, stats, year);
  if (stats->has_organization_ratings)
    add_ratings (&s, "Đánh giá, xếp loại tổ chức cơ sở đảng",
                 "Số tổ chức cơ sở đảng được xếp loại", &stats->organization_ratings);
  if (stats->has_member_ratings)
    add_ratings (&s, "Đánh giá, xếp loại đảng viên", "Số đảng viên được xếp loại",
                 &stats->member_ratings);
  if (stats->has_badges)
    add_badges (&s, stats);
  if (stats->has_awards)
    add_awards (&s, stats);
  if (stats->has_meetings)
    add_meetings (&s, stats);

  if (s.sections == 0)
    {
      g_autofree char *nothing = g_strdup_printf ("Chưa có số liệu của năm %s.", year);

      check (&w, worksheet_merge_range (w.sheet, s.row, 0, s.row, STATS_N_COLS - 1, nothing,
                                        w.styles[STYLE_TEXT]));
      s.label_width = MAX (s.label_width, text_width (nothing));
    }

  label_width = column_width (s.label_width);
  check (&w, worksheet_set_column (w.sheet, STATS_COL_NUMBER, STATS_COL_NUMBER, TT_WIDTH, NULL));
  check (&w, worksheet_set_column (w.sheet, STATS_COL_LABEL, STATS_COL_LABEL, label_width, NULL));
  check (&w, worksheet_set_column (w.sheet, STATS_COL_COUNT, STATS_COL_PERCENT, 11, NULL));
  table_width = TT_WIDTH + label_width + 2 * 11;

  write_title (&w, title, STATS_N_COLS - 1, table_width);
  freeze_header (&w, header_row, table_width);

  return writer_finish (&w, error);
}
