/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Members in sheets: one row each, keyed by code, holding the person and the outline of their
 * history in the committee: the cell they entered (by admission, or by transfer with its
 * date), the move into their present cell, and their departure. A new member's row becomes
 * those events, dated as the row says, so the year's figures count them as the office did.
 * A row of a known member corrects the person; a new cell is a move dated on the day of the
 * import, and a new departure is recorded on its date. History in between (several moves, a
 * readmission) is edited in the window and is not in the sheet. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-enums.h"
#include "sdb-interchange-private.h"
#include "sdb-member.h"
#include "sdb-vn.h"

static const SdbInterchangeColumn columns[] = {
  { "code", "Mã đảng viên", "mã|số lý lịch", SDB_XLSX_TEXT, NULL, "code" },
  { "full_name", "Họ và tên", "họ tên|tên", SDB_XLSX_TEXT, NULL, "full-name" },
  { "gender", "Giới tính", "nam/nữ", SDB_XLSX_TEXT, sdb_gender_get_type, "gender" },
  { "birth_date", "Ngày sinh", "sinh ngày|năm sinh", SDB_XLSX_DATE, NULL, "birth-date" },
  { "ethnicity", "Dân tộc", NULL, SDB_XLSX_TEXT, NULL, "ethnicity" },
  { "religion", "Tôn giáo", NULL, SDB_XLSX_TEXT, NULL, "religion" },
  { "hometown", "Quê quán", NULL, SDB_XLSX_TEXT, NULL, "hometown" },
  { "organization_code", "Mã chi bộ", "chi bộ|mã chi bộ sinh hoạt", SDB_XLSX_TEXT, NULL,
    "organization-id" },
  { "admitted_on", "Ngày vào Đảng", "ngày kết nạp", SDB_XLSX_DATE, NULL, "admission-date" },
  { "official_on", "Ngày chính thức", "ngày công nhận chính thức", SDB_XLSX_DATE, NULL,
    "official-date" },
  { "transferred_in_on", "Ngày chuyển đến", "ngày chuyển sinh hoạt đến", SDB_XLSX_DATE, NULL,
    NULL },
  { "left_on", "Ngày ra khỏi Đảng bộ", "ngày chuyển đi|ngày ra khỏi đảng", SDB_XLSX_DATE, NULL,
    NULL },
  { "left_reason", "Lý do", "lý do ra khỏi đảng bộ|hình thức", SDB_XLSX_TEXT,
    sdb_departure_get_type, "reason" },
  { "card_number", "Số thẻ đảng viên", "số thẻ", SDB_XLSX_TEXT, NULL, "card-number" },
  { "position", "Chức vụ", NULL, SDB_XLSX_TEXT, NULL, "position" },
  { "notes", "Ghi chú", NULL, SDB_XLSX_TEXT, NULL, "notes" },
  /* The outline of a history that began in another cell (not in the list: without them
   * a member who moved into a cell founded after they entered could not come back in). */
  { "entered_organization_code", "Mã chi bộ khi vào Đảng bộ", NULL, SDB_XLSX_TEXT, NULL,
    NULL },
  { "moved_on", "Ngày chuyển về chi bộ hiện tại", NULL, SDB_XLSX_DATE, NULL, NULL },
};

enum
{
  CODE, FULL_NAME, GENDER, BIRTH_DATE, ETHNICITY, RELIGION, HOMETOWN, ORGANIZATION,
  ADMITTED_ON, OFFICIAL_ON, TRANSFERRED_IN_ON, LEFT_ON, LEFT_REASON, CARD_NUMBER, POSITION,
  NOTES, ENTERED_ORGANIZATION, MOVED_ON,
};

/* left_reason: a leaving reason, or a transfer out of the committee, which is no leaving
 * reason of the core but a kind of event. Its labels (sdb-interchange.c) make the column read
 * in Vietnamese in a sheet. */
#define TRANSFERRED_OUT (-2)

G_DEFINE_ENUM_TYPE (SdbDeparture, sdb_departure,
                    G_DEFINE_ENUM_VALUE (SDB_DEPARTURE_TRANSFERRED_OUT, "transferred_out"),
                    G_DEFINE_ENUM_VALUE (SDB_DEPARTURE_DIED, "died"),
                    G_DEFINE_ENUM_VALUE (SDB_DEPARTURE_STRUCK_OFF, "struck_off"),
                    G_DEFINE_ENUM_VALUE (SDB_DEPARTURE_EXPELLED, "expelled"),
                    G_DEFINE_ENUM_VALUE (SDB_DEPARTURE_RESIGNED, "resigned"))

/* left_reason: "transferred_out" ("Chuyển đi") or a leaving reason; -1 when empty. */
static gboolean
reason_cell (SdbInterchangeImport    *import,
             const SdbInterchangeRow *row,
             int                     *reason)
{
  const char *text = row->values[LEFT_REASON];
  g_autofree char *message = NULL;

  *reason = -1;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (sdb_interchange_parse_value (sdb_departure_get_type (), text, reason))
    return TRUE;
  message = g_strdup_printf (_("“%s” is not a reason for leaving. Write transferred_out "
                               "(Chuyển đi), died (Từ trần), struck_off (Xóa tên), expelled "
                               "(Khai trừ) or resigned (Xin ra khỏi Đảng)."), text);
  sdb_interchange_add_problem (import, row->line, "left_reason", SDB_SEVERITY_ERROR, message);
  return FALSE;
}

/* The problems of an event, under the columns the row gave its date and cell in. */
static void
add_event_problems (SdbInterchangeImport *import,
                    guint                 line,
                    GPtrArray            *found,
                    const char           *date_column,
                    const char           *organization_column)
{
  for (guint i = 0; i < found->len; i++)
    {
      SdbProblem *problem = g_ptr_array_index (found, i);

      if (g_strcmp0 (problem->field, "date") == 0 || g_strcmp0 (problem->field, "kind") == 0)
        sdb_interchange_add_problem (import, line, date_column, problem->severity,
                                     problem->message);
      else if (g_strcmp0 (problem->field, "organization-id") == 0)
        sdb_interchange_add_problem (import, line, organization_column, problem->severity,
                                     problem->message);
      else
        sdb_interchange_add_problem (import, line, NULL, problem->severity, problem->message);
    }
  g_ptr_array_set_size (found, 0);
}

static gboolean
event_refused (SdbInterchangeImport *import,
               guint                 line,
               GPtrArray            *found,
               GError               *write_error,
               const char           *date_column,
               const char           *organization_column,
               GError              **error)
{
  guint errors_before = import->n_errors;

  add_event_problems (import, line, found, date_column, organization_column);
  if (g_error_matches (write_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID))
    {
      if (import->n_errors == errors_before)
        sdb_interchange_add_problem (import, line, date_column, SDB_SEVERITY_ERROR,
                                     write_error->message);
      return TRUE;
    }
  g_propagate_error (error, g_error_copy (write_error));
  return FALSE;
}

/* Calls @set with the cell's value when the file has the column. */
static void
set_text (SdbMember   *member,
          void       (*set) (SdbMember  *member,
                             const char *value),
          const char  *value)
{
  if (value != NULL)
    set (member, value);
}

static gboolean
same_date (const SdbDate *a,
           const SdbDate *b)
{
  static const SdbDate none = { 0, 0, 0 };

  return sdb_date_compare (a != NULL ? a : &none, b != NULL ? b : &none) == 0;
}

static gboolean
same_person (SdbMember *a,
             SdbMember *b)
{
  static const char *const texts[] = {
    "full-name", "ethnicity", "religion", "hometown", "card-number", "position", "notes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *x = NULL;
      g_autofree char *y = NULL;

      g_object_get (a, texts[i], &x, NULL);
      g_object_get (b, texts[i], &y, NULL);
      if (g_strcmp0 (x, y) != 0)
        return FALSE;
    }
  return sdb_member_get_gender (a) == sdb_member_get_gender (b)
         && same_date (sdb_member_get_birth_date (a), sdb_member_get_birth_date (b))
         && same_date (sdb_member_get_admission_date (a), sdb_member_get_admission_date (b))
         && same_date (sdb_member_get_official_date (a), sdb_member_get_official_date (b));
}

/* Fills @member from the row's person columns; FALSE after a problem. */
static gboolean
read_person (SdbInterchangeImport    *import,
             const SdbInterchangeRow *row,
             SdbMember               *member)
{
  static const struct
  {
    int column;
    void (*set) (SdbMember *member, const SdbDate *date);
  } dates[] = {
    { BIRTH_DATE, sdb_member_set_birth_date },
    { ADMITTED_ON, sdb_member_set_admission_date },
    { OFFICIAL_ON, sdb_member_set_official_date },
  };
  guint errors_before = import->n_errors;
  int gender;

  set_text (member, sdb_member_set_code, row->values[CODE]);
  set_text (member, sdb_member_set_full_name, row->values[FULL_NAME]);
  set_text (member, sdb_member_set_ethnicity, row->values[ETHNICITY]);
  set_text (member, sdb_member_set_religion, row->values[RELIGION]);
  set_text (member, sdb_member_set_hometown, row->values[HOMETOWN]);
  set_text (member, sdb_member_set_card_number, row->values[CARD_NUMBER]);
  set_text (member, sdb_member_set_position, row->values[POSITION]);
  set_text (member, sdb_member_set_notes, row->values[NOTES]);
  if (sdb_interchange_enum_cell (import, row, GENDER, &gender) && gender >= 0)
    sdb_member_set_gender (member, gender);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      SdbDate date;

      if (row->values[dates[i].column] != NULL
          && sdb_interchange_date_cell (import, row, dates[i].column, &date))
        dates[i].set (member, date.year != 0 ? &date : NULL);
    }
  return import->n_errors == errors_before;
}

/* Records a departure on @date: a transfer out, or leaving the Party for @reason. */
static gboolean
depart (SdbInterchangeImport    *import,
        const SdbInterchangeRow *row,
        gint64                   member_id,
        const SdbDate           *date,
        int                      reason,
        GError                 **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (reason == TRANSFERRED_OUT)
    ok = sdb_member_transfer_out (import->db, member_id, date, NULL, found, &local_error);
  else
    ok = sdb_member_leave (import->db, member_id, date, reason, found, &local_error);
  if (!ok)
    return event_refused (import, row->line, found, local_error, "left_on", "left_reason",
                          error);
  add_event_problems (import, row->line, found, "left_on", "left_reason");
  return TRUE;
}

/* Where the problems of each step of a new member's outline go: its date, and its cell. */
static const struct { const char *date; const char *organization; } step_columns[] = {
  [SDB_MEMBER_OUTLINE_MOVE] = { "moved_on", "organization_code" },
  [SDB_MEMBER_OUTLINE_DEPARTURE] = { "left_on", "left_reason" },
};

/* A new member: their outline is checked and written in the import's transaction, with no
 * savepoint of its own (sdb_member_insert_outline ()). */
static gboolean
import_new (SdbInterchangeImport    *import,
            const SdbInterchangeRow *row,
            SdbMember               *member,
            GError                 **error)
{
  g_autoptr(GPtrArray) entry = sdb_problems_new ();
  g_autoptr(GPtrArray) move = sdb_problems_new ();
  g_autoptr(GPtrArray) departure = sdb_problems_new ();
  GPtrArray *found[SDB_MEMBER_OUTLINE_N_STEPS] = { entry, move, departure };
  g_autoptr(GPtrArray) own = sdb_problems_new ();
  g_autoptr(GError) local_error = NULL;
  SdbMemberOutline outline = { 0 };
  gint64 cell = 0, entered_cell = 0;
  int reason;
  guint errors_before = import->n_errors;
  const char *entered_column;

  if (!sdb_interchange_organization_cell (import, row, ORGANIZATION, &cell, error)
      || (row->values[ENTERED_ORGANIZATION] != NULL
          && !sdb_interchange_organization_cell (import, row, ENTERED_ORGANIZATION,
                                                 &entered_cell, error)))
    return FALSE;
  sdb_interchange_date_cell (import, row, TRANSFERRED_IN_ON, &outline.entered_on);
  sdb_interchange_date_cell (import, row, MOVED_ON, &outline.moved_on);
  sdb_interchange_date_cell (import, row, LEFT_ON, &outline.left_on);
  reason_cell (import, row, &reason);
  if (import->n_errors > errors_before)
    return TRUE;
  if (cell == 0)
    {
      sdb_interchange_add_problem (import, row->line, "organization_code", SDB_SEVERITY_ERROR,
                                   _("Enter the code of the member’s cell."));
      return TRUE;
    }
  if ((outline.left_on.year != 0) != (reason != -1))
    {
      sdb_interchange_add_problem (import, row->line,
                                   outline.left_on.year != 0 ? "left_reason" : "left_on",
                                   SDB_SEVERITY_ERROR,
                                   _("A member who left needs both the date and the reason."));
      return TRUE;
    }
  if (entered_cell != 0 && outline.moved_on.year == 0)
    {
      sdb_interchange_add_problem (import, row->line, "moved_on", SDB_SEVERITY_ERROR,
                                   _("Enter the date the member moved from the cell they "
                                     "entered into their present cell."));
      return TRUE;
    }

  /* The cell they entered, then the move into the present one, then the departure. */
  outline.transferred_in = outline.entered_on.year != 0;
  outline.entered_organization_id = entered_cell != 0 ? entered_cell : cell;
  outline.organization_id = cell;
  if (outline.left_on.year != 0)
    {
      outline.departure = reason == TRANSFERRED_OUT ? SDB_MEMBER_EVENT_KIND_TRANSFER_OUT
                                                    : SDB_MEMBER_EVENT_KIND_LEFT;
      outline.reason = reason == TRANSFERRED_OUT ? 0 : reason;
    }
  if (!sdb_member_insert_outline (import->db, member, &outline, found, &local_error)
      && !g_error_matches (local_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Problems of the person's own fields go under their columns, those of each event under its
   * date and cell. */
  for (guint i = 0; i < entry->len; )
    {
      SdbProblem *problem = g_ptr_array_index (entry, i);

      if (g_strcmp0 (problem->field, "date") == 0 || g_strcmp0 (problem->field, "kind") == 0
          || g_strcmp0 (problem->field, "organization-id") == 0)
        i++;
      else
        g_ptr_array_add (own, g_ptr_array_steal_index (entry, i));
    }
  sdb_interchange_add_record_problems (import, row->line, own);
  entered_column = entered_cell != 0 ? "entered_organization_code" : "organization_code";
  add_event_problems (import, row->line, entry,
                      outline.transferred_in ? "transferred_in_on" : "admitted_on",
                      entered_column);
  for (guint step = SDB_MEMBER_OUTLINE_MOVE; step < SDB_MEMBER_OUTLINE_N_STEPS; step++)
    add_event_problems (import, row->line, found[step], step_columns[step].date,
                        step_columns[step].organization);
  if (local_error != NULL && import->n_errors == errors_before)
    sdb_interchange_add_problem (import, row->line, NULL, SDB_SEVERITY_ERROR,
                                 local_error->message);
  return TRUE;
}

/* The member's last cell (their present one, or the one they left from) and whether they are
 * in the committee now. */
static gboolean
last_cell (SdbInterchangeImport  *import,
           gint64                 member_id,
           gint64                *cell,
           gboolean              *present,
           GError               **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (import->db,
                          "SELECT (SELECT organization_id FROM member_event"
                          "        WHERE member_id = ?1 AND organization_id IS NOT NULL"
                          "        ORDER BY date DESC, id DESC LIMIT 1),"
                          "       (SELECT organization_id IS NOT NULL FROM member_event"
                          "        WHERE member_id = ?1 ORDER BY date DESC, id DESC LIMIT 1)",
                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, member_id);
  rc = sdb_database_step (import->db, stmt, error);
  if (rc == 0)
    return FALSE;
  *cell = sdb_stmt_get_int (stmt, 0);
  *present = sdb_stmt_get_int (stmt, 1) != 0;
  return TRUE;
}

static gboolean
import_existing (SdbInterchangeImport    *import,
                 const SdbInterchangeRow *row,
                 SdbMember               *existing,
                 SdbMember               *member,
                 SdbImportCounts         *counts,
                 GError                 **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(GError) local_error = NULL;
  gint64 id = sdb_member_get_id (existing);
  gint64 cell = 0, was_cell = 0;
  gboolean present = FALSE, changed = FALSE;
  SdbDate left = { 0, 0, 0 };
  int reason = -1;
  guint errors_before = import->n_errors;

  if (!last_cell (import, id, &was_cell, &present, error))
    return FALSE;
  if (row->values[ORGANIZATION] != NULL
      && !sdb_interchange_organization_cell (import, row, ORGANIZATION, &cell, error))
    return FALSE;
  if (row->values[LEFT_ON] != NULL)
    sdb_interchange_date_cell (import, row, LEFT_ON, &left);
  reason_cell (import, row, &reason);
  if (import->n_errors > errors_before)
    return TRUE;

  if (!same_person (existing, member))
    {
      if (!sdb_member_update (import->db, member, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      sdb_interchange_add_record_problems (import, row->line, found);
      g_ptr_array_set_size (found, 0);
      changed = TRUE;
    }

  if (row->values[ORGANIZATION] != NULL && cell != 0 && cell != was_cell)
    {
      if (!present)
        {
          sdb_interchange_add_problem (import, row->line, "organization_code",
                                       SDB_SEVERITY_ERROR,
                                       _("This member has left the committee: their cell can no "
                                         "longer change."));
          return TRUE;
        }
      /* A new cell is a move on the day of the import: past years keep the old one. */
      if (!sdb_member_move (import->db, id, import->today, cell, found, &local_error))
        return event_refused (import, row->line, found, local_error, "organization_code",
                              "organization_code", error);
      add_event_problems (import, row->line, found, "organization_code", "organization_code");
      changed = TRUE;
    }

  if (row->values[LEFT_ON] != NULL)
    {
      if (present && left.year != 0)
        {
          if (reason == -1)
            {
              sdb_interchange_add_problem (import, row->line, "left_reason", SDB_SEVERITY_ERROR,
                                           _("A member who left needs both the date and the "
                                             "reason."));
              return TRUE;
            }
          if (!depart (import, row, id, &left, reason, error))
            return FALSE;
          changed = TRUE;
        }
      else if (!present && left.year == 0)
        {
          sdb_interchange_add_problem (import, row->line, "left_on", SDB_SEVERITY_ERROR,
                                       _("This member has left the committee. A departure is "
                                         "undone in the member’s history in the window, not by "
                                         "emptying its date."));
          return TRUE;
        }
    }
  if (changed)
    counts->updated++;
  return TRUE;
}

static gboolean
import_row (SdbInterchangeImport    *import,
            const SdbInterchangeRow *row,
            SdbImportCounts         *counts,
            GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SdbMember) existing = NULL;
  g_autoptr(SdbMember) member = NULL;
  guint errors_before = import->n_errors;

  /* Into a committee without members, every row is a new member (no two rows have a code). */
  if (import->n_stored != 0)
    existing = sdb_member_lookup_by_code (import->db, row->values[CODE], &local_error);
  if (existing == NULL && local_error != NULL
      && !g_error_matches (local_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  member = existing != NULL ? sdb_member_copy (existing) : sdb_member_new ();
  if (!read_person (import, row, member))
    return TRUE;
  if (existing != NULL)
    return import_existing (import, row, existing, member, counts, error);
  if (!import_new (import, row, member, error))
    return FALSE;
  if (import->n_errors == errors_before)
    counts->inserted++;
  return TRUE;
}

static GPtrArray *
export_rows (SdbDatabase  *db,
             int           year,
             GError      **error)
{
  /* For each member: the last cell, the first entering event, the latest placing event and
   * the latest event, each found on the member's own index. */
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT m.code, m.full_name, m.gender, m.birth_date, m.ethnicity,"
                          "       m.religion, m.hometown, cell.code, m.admission_date,"
                          "       m.official_date,"
                          "       CASE WHEN first.kind = 'transfer_in' THEN first.date END,"
                          "       CASE WHEN last.kind IN ('transfer_out', 'left') THEN last.date"
                          "       END,"
                          "       CASE last.kind WHEN 'transfer_out' THEN 'transferred_out'"
                          "                      WHEN 'left' THEN last.reason END,"
                          "       m.card_number, m.position, m.notes,"
                          "       CASE WHEN first.organization_id <> place.organization_id"
                          "            THEN entered.code END,"
                          "       CASE WHEN first.organization_id <> place.organization_id"
                          "            THEN place.date END"
                          " FROM member m"
                          " LEFT JOIN member_event first ON first.id ="
                          "   (SELECT id FROM member_event WHERE member_id = m.id"
                          "      AND +kind IN ('admitted', 'transfer_in', 'readmitted')"
                          "    ORDER BY date, id LIMIT 1)"
                          " LEFT JOIN member_event place ON place.id ="
                          "   (SELECT id FROM member_event WHERE member_id = m.id"
                          "      AND organization_id IS NOT NULL ORDER BY date DESC, id DESC LIMIT 1)"
                          " LEFT JOIN member_event last ON last.id ="
                          "   (SELECT id FROM member_event WHERE member_id = m.id"
                          "    ORDER BY date DESC, id DESC LIMIT 1)"
                          " LEFT JOIN organization cell ON cell.id = place.organization_id"
                          " LEFT JOIN organization entered ON entered.id = first.organization_id"
                          " ORDER BY m.code", error);

  if (stmt == NULL)
    return NULL;
  return sdb_interchange_rows_from_statement (db, stmt, G_N_ELEMENTS (columns), error);
}

/* Validation and the history find members by id and code, and events by member and date. */
static const char * const bulk_indexes[] = {
  "member_by_name", "member_by_organization", "member_by_official_date",
  "member_event_by_organization", "member_event_by_kind", NULL,
};

const SdbInterchangeKindInfo sdb_interchange_members = {
  .name = "members",
  .sheet = "Đảng viên",
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .key_columns = { CODE, -1 },
  .by_year = FALSE,
  .order = NULL,
  .bulk_table = "member",
  .bulk_indexes = bulk_indexes,
  .holds_cells = TRUE,
  .import_row = import_row,
  .export_rows = export_rows,
};
