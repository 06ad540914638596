/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Meetings, awards and party badges in sheets. Each row goes through the record's own insert or
 * update, so a sheet obeys the rules of the forms; a row that says what the record already
 * holds writes nothing.
 *
 * - Meetings are found by the number and symbol of their minutes ("15-BB/HU") within the year
 *   they were held in: minutes are numbered afresh each year, so "01-BB/HU" comes back every
 *   January and only the date tells those apart. The attendees and documents of the minutes
 *   are not in the sheet and stay as they are.
 * - Awards are found by year, recipient (organization, member or a person's name) and form.
 * - Badges are found by member and years. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sdb-award.h"
#include "sdb-badge.h"
#include "sdb-enums.h"
#include "sdb-interchange-private.h"
#include "sdb-meeting.h"
#include "sdb-vn.h"

/* Shared ------------------------------------------------------------------------------------- */

static gboolean
same_date (const SdbDate *a,
           const SdbDate *b)
{
  static const SdbDate none = { 0, 0, 0 };

  return sdb_date_compare (a != NULL ? a : &none, b != NULL ? b : &none) == 0;
}

/* What two codes, forms or names must share to be the same: case and the old or new placement
 * of tone marks do not count, other diacritics do ("Lan" is not "Lân"). */
static char *
text_key (const char *text)
{
  g_autofree char *canonical = sdb_vn_canonical_tones (text);

  return g_utf8_casefold (canonical != NULL ? canonical : text, -1);
}

/* The ISO date range [first, next) of @year, or of every date for 0. */
static void
year_range (int    year,
            char **first,
            char **next)
{
  if (year > 0)
    {
      *first = g_strdup_printf ("%04d", year);
      *next = g_strdup_printf ("%04d", year + 1);
    }
  else
    {
      *first = g_strdup ("");
      *next = g_strdup ("~");
    }
}

static gboolean
cell_is_empty (const SdbInterchangeRow *row,
               int                      column)
{
  return row->values[column] == NULL || *row->values[column] == '\0';
}

/* Meetings ----------------------------------------------------------------------------------- */

static const SdbInterchangeColumn meeting_columns[] = {
  { "code", "Số, ký hiệu", "số biên bản|số, ký hiệu biên bản|số ký hiệu|số/ký hiệu|số hiệu",
    SDB_XLSX_TEXT, NULL, "number" },
  { "held_on", "Ngày họp", "ngày|ngày hội nghị|ngày tổ chức", SDB_XLSX_DATE, NULL, "date" },
  { "kind", "Loại hội nghị", "loại|loại cuộc họp|hình thức hội nghị", SDB_XLSX_TEXT,
    sdb_meeting_kind_get_type, "kind" },
  { "title", "Tên hội nghị", "tên|hội nghị|tiêu đề|tên cuộc họp", SDB_XLSX_TEXT, NULL, "title" },
  { "chair", "Người chủ trì", "chủ trì|chủ tọa|người chủ tọa", SDB_XLSX_TEXT, NULL,
    "chair-name" },
  { "location", "Địa điểm", "nơi họp|địa điểm họp", SDB_XLSX_TEXT, NULL, "place" },
  { "summary", "Nội dung", "nội dung chính|nội dung hội nghị|tóm tắt|tóm tắt nội dung",
    SDB_XLSX_TEXT, NULL, "content" },
  { "conclusions", "Kết luận", "kết luận hội nghị|kết luận của chủ trì|ý kiến kết luận",
    SDB_XLSX_TEXT, NULL, "conclusions" },
};

enum { M_CODE, M_HELD_ON, M_KIND, M_TITLE, M_CHAIR, M_LOCATION, M_SUMMARY, M_CONCLUSIONS };

/* "15-BB/HU" is number "15" and symbol "BB/HU", as sdb_meeting_dup_reference () joins them;
 * without a dash, a code with a slash is a symbol alone ("BB/HU") and any other a number. */
static void
split_code (const char  *code,
            char       **number,
            char       **symbol)
{
  const char *dash = strchr (code, '-');

  if (dash != NULL)
    {
      *number = g_strstrip (g_strndup (code, (gsize) (dash - code)));
      *symbol = g_strstrip (g_strdup (dash + 1));
    }
  else if (strchr (code, '/') != NULL)
    {
      *number = g_strdup ("");
      *symbol = g_strstrip (g_strdup (code));
    }
  else
    {
      *number = g_strstrip (g_strdup (code));
      *symbol = g_strdup ("");
    }
}

/* The meeting of the row: the one with its number and symbol held in @year (0 when the row has
 * no date: any year). Several are a problem of the row, naming their dates. *id is 0 for a new
 * meeting. */
static gboolean
find_meeting (SdbInterchangeImport    *import,
              const SdbInterchangeRow *row,
              const char              *number,
              const char              *symbol,
              int                      year,
              gint64                  *id,
              GError                 **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autoptr(GString) dates = g_string_new (NULL);
  g_autofree char *symbol_key = text_key (symbol);
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *message = NULL;
  guint n = 0;
  int rc;

  *id = 0;
  stmt = sdb_database_prepare (import->db,
                               "SELECT id, symbol, date FROM meeting"
                               " WHERE number = ?1 AND date >= ?2 AND date < ?3"
                               " ORDER BY date, id", error);
  if (stmt == NULL)
    return FALSE;
  year_range (year, &first, &next);
  sdb_stmt_bind_text (stmt, 1, number);
  sdb_stmt_bind_text (stmt, 2, first);
  sdb_stmt_bind_text (stmt, 3, next);
  while ((rc = sdb_database_step (import->db, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *stored = sdb_stmt_dup_text (stmt, 1);
      g_autofree char *stored_key = text_key (stored);
      g_autofree char *date = NULL;
      SdbDate held_on;

      if (strcmp (stored_key, symbol_key) != 0)
        continue;
      *id = sdb_stmt_get_int (stmt, 0);
      sdb_stmt_get_date (stmt, 2, &held_on);
      date = sdb_vn_format_date (&held_on);
      g_string_append_printf (dates, "%s%s", n > 0 ? ", " : "", date);
      n++;
    }
  if (rc == 0)
    return FALSE;
  if (n <= 1)
    return TRUE;

  *id = 0;
  if (year == 0)
    message = g_strdup_printf (_("Several minutes in the database have the number and symbol "
                                 "“%s”: those held on %s. Enter the date of the meeting to say "
                                 "which one this row is."),
                               row->values[M_CODE], dates->str);
  else
    message = g_strdup_printf (_("Several minutes of %d in the database have the number and "
                                 "symbol “%s”: those held on %s. Give each its own number in "
                                 "the program first."),
                               year, row->values[M_CODE], dates->str);
  sdb_interchange_add_problem (import, row->line, meeting_columns[M_HELD_ON].key,
                               SDB_SEVERITY_ERROR, message);
  return TRUE;
}

static gboolean
meeting_changed (SdbMeeting *a,
                 SdbMeeting *b)
{
  return g_strcmp0 (sdb_meeting_get_number (a), sdb_meeting_get_number (b)) != 0
         || g_strcmp0 (sdb_meeting_get_symbol (a), sdb_meeting_get_symbol (b)) != 0
         || !same_date (sdb_meeting_get_date (a), sdb_meeting_get_date (b))
         || sdb_meeting_get_kind (a) != sdb_meeting_get_kind (b)
         || g_strcmp0 (sdb_meeting_get_title (a), sdb_meeting_get_title (b)) != 0
         || g_strcmp0 (sdb_meeting_get_chair_name (a), sdb_meeting_get_chair_name (b)) != 0
         || g_strcmp0 (sdb_meeting_get_place (a), sdb_meeting_get_place (b)) != 0
         || g_strcmp0 (sdb_meeting_get_content (a), sdb_meeting_get_content (b)) != 0
         || g_strcmp0 (sdb_meeting_get_conclusions (a), sdb_meeting_get_conclusions (b)) != 0;
}

static gboolean
import_meeting (SdbInterchangeImport    *import,
                const SdbInterchangeRow *row,
                SdbImportCounts         *counts,
                GError                 **error)
{
  char *const *v = row->values;
  guint errors_before = import->n_errors;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SdbMeeting) existing = NULL;
  g_autoptr(SdbMeeting) meeting = NULL;
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autofree char *number = NULL;
  g_autofree char *symbol = NULL;
  SdbDate held_on;
  gint64 id;
  int kind = -1;

  split_code (v[M_CODE], &number, &symbol);
  sdb_interchange_date_cell (import, row, M_HELD_ON, &held_on);
  if (v[M_KIND] != NULL)
    sdb_interchange_enum_cell (import, row, M_KIND, &kind);
  if (import->n_errors > errors_before)
    return TRUE;

  if (!find_meeting (import, row, number, symbol, held_on.year, &id, error))
    return FALSE;
  if (import->n_errors > errors_before)
    return TRUE;
  if (id != 0)
    {
      existing = sdb_meeting_lookup (import->db, id, error);
      if (existing == NULL)
        return FALSE;
    }
  meeting = existing != NULL ? sdb_meeting_copy (existing) : sdb_meeting_new ();

  sdb_meeting_set_number (meeting, number);
  sdb_meeting_set_symbol (meeting, symbol);
  /* An empty date is no date: validation then asks for it. */
  sdb_meeting_set_date (meeting, &held_on);
  if (kind >= 0)
    sdb_meeting_set_kind (meeting, kind);
  else if (existing == NULL || v[M_KIND] != NULL)
    sdb_interchange_add_problem (import, row->line, meeting_columns[M_KIND].key,
                                 SDB_SEVERITY_ERROR, _("Choose the kind of meeting."));
  if (v[M_TITLE] != NULL)
    sdb_meeting_set_title (meeting, v[M_TITLE]);
  if (v[M_CHAIR] != NULL)
    sdb_meeting_set_chair_name (meeting, v[M_CHAIR]);
  if (v[M_LOCATION] != NULL)
    sdb_meeting_set_place (meeting, v[M_LOCATION]);
  if (v[M_SUMMARY] != NULL)
    sdb_meeting_set_content (meeting, v[M_SUMMARY]);
  if (v[M_CONCLUSIONS] != NULL)
    sdb_meeting_set_conclusions (meeting, v[M_CONCLUSIONS]);
  if (import->n_errors > errors_before)
    return TRUE;

  if (existing == NULL)
    {
      if (!sdb_meeting_insert (import->db, meeting, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->inserted++;
    }
  else if (meeting_changed (existing, meeting))
    {
      if (!sdb_meeting_update (import->db, meeting, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->updated++;
    }
  sdb_interchange_add_record_problems (import, row->line, found);
  return TRUE;
}

/* The file's rows as they are; two rows about the same minutes (same number and symbol in the
 * same year, on different days) are a problem of the later one, which the key of the framework
 * (number and symbol with the exact date) cannot see. */
static GPtrArray *
order_meetings (SdbInterchangeImport *import,
                GPtrArray            *rows)
{
  GPtrArray *ordered = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      SdbInterchangeRow *row = g_ptr_array_index (rows, i);
      g_autofree char *number = NULL;
      g_autofree char *symbol = NULL;
      g_autofree char *symbol_key = NULL;
      SdbDate held_on;

      g_ptr_array_add (ordered, row);
      /* A date that does not read is the row's own problem, found when it is applied. */
      if (cell_is_empty (row, M_HELD_ON)
          || !sdb_vn_parse_date (row->values[M_HELD_ON], SDB_VN_DATE_EXCEL_SERIAL, &held_on,
                                 NULL))
        continue;
      split_code (row->values[M_CODE], &number, &symbol);
      symbol_key = text_key (symbol);
      if (!g_hash_table_add (seen, g_strdup_printf ("%d\x1f%s\x1f%s", held_on.year, number,
                                                    symbol_key)))
        sdb_interchange_add_problem (import, row->line, meeting_columns[M_CODE].key,
                                     SDB_SEVERITY_ERROR,
                                     _("An earlier row has minutes with the same number and "
                                       "symbol in the same year. Minutes are numbered afresh "
                                       "each year: check the number and the date."));
    }
  return ordered;
}

static GPtrArray *
export_meetings (SdbDatabase  *db,
                 int           year,
                 GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT number || CASE WHEN number <> '' AND symbol <> '' THEN '-'"
                          "                 ELSE '' END || symbol,"
                          " date, kind, title, chair_name, place, content, conclusions"
                          " FROM meeting WHERE date >= ?1 AND date < ?2"
                          " ORDER BY date, CAST (number AS INTEGER), number, symbol, id", error);
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;

  if (stmt == NULL)
    return NULL;
  year_range (year, &first, &next);
  sdb_stmt_bind_text (stmt, 1, first);
  sdb_stmt_bind_text (stmt, 2, next);
  return sdb_interchange_rows_from_statement (db, stmt, G_N_ELEMENTS (meeting_columns), error);
}

const SdbInterchangeKindInfo sdb_interchange_meetings = {
  .name = "meetings",
  .sheet = "Hội nghị",
  .columns = meeting_columns,
  .n_columns = G_N_ELEMENTS (meeting_columns),
  /* The date is part of the key because minutes are numbered afresh each year. */
  .key_columns = { M_CODE, M_HELD_ON, -1 },
  .by_year = TRUE,
  .order = order_meetings,
  .import_row = import_meeting,
  .export_rows = export_meetings,
};

/* Awards ------------------------------------------------------------------------------------- */

/* Whether an award goes to a collective ("Tập thể", an organization) or an individual ("Cá
 * nhân", a member or a named person): the record tells it by which of them it names, a sheet
 * says it in a column of its own. The Vietnamese labels are in sdb-interchange.c. */
typedef enum
{
  SDB_AWARD_RECIPIENT_KIND_COLLECTIVE,
  SDB_AWARD_RECIPIENT_KIND_INDIVIDUAL,
} SdbAwardRecipientKind;


G_DEFINE_ENUM_TYPE (SdbAwardRecipientKind, sdb_award_recipient_kind,
                    G_DEFINE_ENUM_VALUE (SDB_AWARD_RECIPIENT_KIND_COLLECTIVE, "collective"),
                    G_DEFINE_ENUM_VALUE (SDB_AWARD_RECIPIENT_KIND_INDIVIDUAL, "individual"))

static const SdbInterchangeColumn award_columns[] = {
  { "year", "Năm", "năm khen thưởng|năm khen", SDB_XLSX_INTEGER, NULL, "year" },
  { "recipient_kind", "Tập thể/cá nhân",
    "đối tượng|đối tượng khen thưởng|tập thể, cá nhân|tập thể hay cá nhân|loại đối tượng",
    SDB_XLSX_TEXT, sdb_award_recipient_kind_get_type, NULL },
  { "organization_code", "Mã tổ chức", "mã tập thể|mã tổ chức đảng|mã đơn vị", SDB_XLSX_TEXT,
    NULL, "organization-id" },
  { "member_code", "Mã đảng viên", "mã cá nhân|mã đv", SDB_XLSX_TEXT, NULL, "member-id" },
  { "name", "Họ và tên", "họ tên|tên cá nhân|người được khen thưởng", SDB_XLSX_TEXT, NULL,
    "person-name" },
  { "form", "Hình thức khen thưởng", "hình thức|danh hiệu|loại khen thưởng|hình thức khen",
    SDB_XLSX_TEXT, NULL, "form" },
  { "reason", "Thành tích",
    "lý do|lí do|lý do khen thưởng|nội dung khen thưởng|thành tích khen thưởng",
    SDB_XLSX_TEXT, NULL, "reason" },
};

enum { A_YEAR, A_RECIPIENT_KIND, A_ORGANIZATION, A_MEMBER, A_NAME, A_FORM, A_REASON };

/* Whether the recipient columns agree with the kind of recipient the row gives; each
 * disagreement is a problem of the row. */
static void
check_recipient (SdbInterchangeImport    *import,
                 const SdbInterchangeRow *row,
                 int                      recipient_kind)
{
  gboolean has_organization = !cell_is_empty (row, A_ORGANIZATION);
  gboolean has_member = !cell_is_empty (row, A_MEMBER);
  gboolean has_name = !cell_is_empty (row, A_NAME);

  if (recipient_kind == SDB_AWARD_RECIPIENT_KIND_COLLECTIVE)
    {
      if (has_member || has_name)
        sdb_interchange_add_problem (import, row->line, award_columns[A_RECIPIENT_KIND].key,
                                     SDB_SEVERITY_ERROR,
                                     _("An award to a collective goes to an organization only. "
                                       "Clear the member code and the name, or write "
                                       "“individual” in this column."));
      else if (!has_organization)
        sdb_interchange_add_problem (import, row->line, award_columns[A_ORGANIZATION].key,
                                     SDB_SEVERITY_ERROR,
                                     _("Enter the code of the organization that receives this "
                                       "award to a collective."));
    }
  else if (recipient_kind == SDB_AWARD_RECIPIENT_KIND_INDIVIDUAL)
    {
      if (has_organization)
        sdb_interchange_add_problem (import, row->line, award_columns[A_RECIPIENT_KIND].key,
                                     SDB_SEVERITY_ERROR,
                                     _("An award to an individual goes to a member or a named "
                                       "person. Clear the organization code, or write "
                                       "“collective” in this column."));
      else if (!has_member && !has_name)
        sdb_interchange_add_problem (import, row->line, award_columns[A_MEMBER].key,
                                     SDB_SEVERITY_ERROR,
                                     _("Enter the code of the member who receives this award "
                                       "or, for a person who is not a member, their full "
                                       "name."));
    }
  if (has_member && has_name)
    sdb_interchange_add_problem (import, row->line, award_columns[A_NAME].key,
                                 SDB_SEVERITY_ERROR,
                                 _("Enter either the member code or the name of a person who "
                                   "is not a member, not both."));
}

/* The award of the row: the one of the same year, recipient and form. Several are a problem of
 * the row. *id is 0 for a new award. */
static gboolean
find_award (SdbInterchangeImport    *import,
            const SdbInterchangeRow *row,
            int                      year,
            gint64                   organization_id,
            gint64                   member_id,
            const char              *name,
            gint64                  *id,
            GError                 **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *form_key = text_key (row->values[A_FORM]);
  g_autofree char *name_key = text_key (name);
  g_autofree char *message = NULL;
  guint n = 0;
  int rc;

  *id = 0;
  stmt = sdb_database_prepare (import->db,
                               "SELECT id, form, ifnull (person_name, '') FROM award"
                               " WHERE year = ?1 AND organization_id IS ?2 AND member_id IS ?3"
                               " AND (person_name IS NULL) = (?4 IS NULL)"
                               " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, year);
  sdb_stmt_bind_id (stmt, 2, organization_id);
  sdb_stmt_bind_id (stmt, 3, member_id);
  sdb_stmt_bind_nullable_text (stmt, 4, *name != '\0' ? name : NULL);
  while ((rc = sdb_database_step (import->db, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *form = sdb_stmt_dup_text (stmt, 1);
      g_autofree char *person = sdb_stmt_dup_text (stmt, 2);
      g_autofree char *stored_form_key = text_key (form);
      g_autofree char *stored_name_key = text_key (person);

      if (strcmp (form_key, stored_form_key) != 0 || strcmp (name_key, stored_name_key) != 0)
        continue;
      *id = sdb_stmt_get_int (stmt, 0);
      n++;
    }
  if (rc == 0)
    return FALSE;
  if (n <= 1)
    return TRUE;

  *id = 0;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u award in the database has the year, recipient "
                                          "and form of this row. Keep only one of them in the "
                                          "program first.",
                                          "%u awards in the database have the year, recipient "
                                          "and form of this row. Keep only one of them in the "
                                          "program first.",
                                          n), n);
  sdb_interchange_add_problem (import, row->line, award_columns[A_FORM].key, SDB_SEVERITY_ERROR,
                               message);
  return TRUE;
}

static gboolean
import_award (SdbInterchangeImport    *import,
              const SdbInterchangeRow *row,
              SdbImportCounts         *counts,
              GError                 **error)
{
  char *const *v = row->values;
  guint errors_before = import->n_errors;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SdbAward) existing = NULL;
  g_autoptr(SdbAward) award = NULL;
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  const char *name = v[A_NAME] != NULL ? v[A_NAME] : "";
  gint64 year, organization_id, member_id, id;
  int recipient_kind = -1;

  /* Without the form no row can say which award it is: order_awards () said so once. */
  if (v[A_FORM] == NULL)
    return TRUE;

  sdb_interchange_int_cell (import, row, A_YEAR, SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX, &year);
  if (v[A_RECIPIENT_KIND] != NULL)
    sdb_interchange_enum_cell (import, row, A_RECIPIENT_KIND, &recipient_kind);
  if (!sdb_interchange_organization_cell (import, row, A_ORGANIZATION, &organization_id, error)
      || !sdb_interchange_member_cell (import, row, A_MEMBER, &member_id, error))
    return FALSE;
  check_recipient (import, row, recipient_kind);
  if (import->n_errors > errors_before)
    return TRUE;

  if (!find_award (import, row, (int) year, organization_id, member_id, name, &id, error))
    return FALSE;
  if (import->n_errors > errors_before)
    return TRUE;
  if (id != 0)
    {
      existing = sdb_award_lookup (import->db, id, error);
      if (existing == NULL)
        return FALSE;
    }
  award = existing != NULL ? sdb_award_copy (existing) : sdb_award_new ();

  /* The key's fields may still differ in case or tone marks: the row's spelling wins. */
  sdb_award_set_year (award, (int) year);
  sdb_award_set_organization_id (award, organization_id);
  sdb_award_set_member_id (award, member_id);
  sdb_award_set_person_name (award, name);
  sdb_award_set_form (award, v[A_FORM]);
  if (v[A_REASON] != NULL)
    sdb_award_set_reason (award, v[A_REASON]);

  if (existing == NULL)
    {
      if (!sdb_award_insert (import->db, award, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->inserted++;
    }
  else if (g_strcmp0 (sdb_award_get_person_name (existing), sdb_award_get_person_name (award)) != 0
           || g_strcmp0 (sdb_award_get_form (existing), sdb_award_get_form (award)) != 0
           || g_strcmp0 (sdb_award_get_reason (existing), sdb_award_get_reason (award)) != 0)
    {
      if (!sdb_award_update (import->db, award, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->updated++;
    }
  sdb_interchange_add_record_problems (import, row->line, found);
  return TRUE;
}

/* The form is part of an award's key, which the framework's three key columns cannot hold
 * beside the year and the recipient: a file without it is refused here, once. */
static GPtrArray *
order_awards (SdbInterchangeImport *import,
              GPtrArray            *rows)
{
  if (rows->len > 0 && ((SdbInterchangeRow *) g_ptr_array_index (rows, 0))->values[A_FORM] == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The file has no “%s” column: each row must say which record it "
                           "is."), award_columns[A_FORM].key);

      sdb_interchange_add_problem (import, 1, NULL, SDB_SEVERITY_ERROR, message);
    }
  return g_ptr_array_ref (rows);
}

static GPtrArray *
export_awards (SdbDatabase  *db,
               int           year,
               GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT a.year,"
                          " CASE WHEN a.organization_id IS NOT NULL THEN 'collective'"
                          "      ELSE 'individual' END,"
                          " ifnull (o.code, ''), ifnull (m.code, ''), ifnull (a.person_name, ''),"
                          " a.form, a.reason"
                          " FROM award a"
                          " LEFT JOIN organization o ON o.id = a.organization_id"
                          " LEFT JOIN member m ON m.id = a.member_id"
                          " WHERE ?1 = 0 OR a.year = ?1"
                          " ORDER BY 1, 2, 3, 4, 5, 6, 7, a.id", error);

  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, year);
  return sdb_interchange_rows_from_statement (db, stmt, G_N_ELEMENTS (award_columns), error);
}

const SdbInterchangeKindInfo sdb_interchange_awards = {
  .name = "awards",
  .sheet = "Khen thưởng",
  .columns = award_columns,
  .n_columns = G_N_ELEMENTS (award_columns),
  .key_columns = { A_YEAR, A_ORGANIZATION, A_MEMBER, A_NAME, A_FORM, -1 },
  .by_year = TRUE,
  .order = order_awards,
  .import_row = import_award,
  .export_rows = export_awards,
};

/* Badges ------------------------------------------------------------------------------------- */

static const SdbInterchangeColumn badge_columns[] = {
  { "member_code", "Mã đảng viên", "mã|mã đv", SDB_XLSX_TEXT, NULL, "member-id" },
  { "years", "Số năm tuổi Đảng",
    "huy hiệu|loại huy hiệu|huy hiệu đảng|năm tuổi đảng|tuổi đảng|số năm", SDB_XLSX_INTEGER, NULL,
    "years" },
  { "awarded_on", "Ngày trao tặng", "ngày trao|ngày tặng|ngày nhận|đợt trao|ngày",
    SDB_XLSX_DATE, NULL, "date" },
};

enum { B_MEMBER, B_YEARS, B_AWARDED_ON };

static gboolean
find_badge (SdbDatabase  *db,
            gint64        member_id,
            int           years,
            gint64       *id,
            GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db, "SELECT id FROM badge WHERE member_id = ?1 AND years = ?2", error);
  int rc;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, member_id);
  sdb_stmt_bind_int (stmt, 2, years);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    *id = sdb_stmt_get_int (stmt, 0);
  return rc != 0;
}

static gboolean
import_badge (SdbInterchangeImport    *import,
              const SdbInterchangeRow *row,
              SdbImportCounts         *counts,
              GError                 **error)
{
  char *const *v = row->values;
  guint errors_before = import->n_errors;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SdbBadge) existing = NULL;
  g_autoptr(SdbBadge) badge = NULL;
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  gint64 member_id, years, id = 0;
  SdbDate awarded_on = { 0, 0, 0 };

  if (!sdb_interchange_member_cell (import, row, B_MEMBER, &member_id, error))
    return FALSE;
  /* Validation says which of these years a badge is given at. */
  sdb_interchange_int_cell (import, row, B_YEARS, 30, 90, &years);
  if (v[B_AWARDED_ON] != NULL)
    sdb_interchange_date_cell (import, row, B_AWARDED_ON, &awarded_on);
  if (import->n_errors > errors_before)
    return TRUE;

  if (!find_badge (import->db, member_id, (int) years, &id, error))
    return FALSE;
  if (id != 0)
    {
      existing = sdb_badge_lookup (import->db, id, error);
      if (existing == NULL)
        return FALSE;
    }
  badge = existing != NULL ? sdb_badge_copy (existing) : sdb_badge_new ();
  sdb_badge_set_member_id (badge, member_id);
  sdb_badge_set_years (badge, (int) years);
  if (v[B_AWARDED_ON] != NULL)
    sdb_badge_set_date (badge, &awarded_on);

  if (existing == NULL)
    {
      if (!sdb_badge_insert (import->db, badge, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->inserted++;
    }
  else if (!same_date (sdb_badge_get_date (existing), sdb_badge_get_date (badge)))
    {
      if (!sdb_badge_update (import->db, badge, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->updated++;
    }
  sdb_interchange_add_record_problems (import, row->line, found);
  return TRUE;
}

static GPtrArray *
export_badges (SdbDatabase  *db,
               int           year,
               GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT m.code, b.years, b.date FROM badge b"
                          " JOIN member m ON m.id = b.member_id"
                          " WHERE b.date >= ?1 AND b.date < ?2"
                          " ORDER BY b.date, m.name_key, m.code, b.years", error);
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;

  if (stmt == NULL)
    return NULL;
  year_range (year, &first, &next);
  sdb_stmt_bind_text (stmt, 1, first);
  sdb_stmt_bind_text (stmt, 2, next);
  return sdb_interchange_rows_from_statement (db, stmt, G_N_ELEMENTS (badge_columns), error);
}

const SdbInterchangeKindInfo sdb_interchange_badges = {
  .name = "badges",
  .sheet = "Huy hiệu Đảng",
  .columns = badge_columns,
  .n_columns = G_N_ELEMENTS (badge_columns),
  .key_columns = { B_MEMBER, B_YEARS, -1 },
  .by_year = TRUE,
  .import_row = import_badge,
  .export_rows = export_badges,
};
