/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-database-private.h"
#include "sdb-enums.h"
#include "sdb-history-format.h"
#include "sdb-types.h"
#include "sdb-vn.h"

/* How a stored value of a column reads. */
typedef enum
{
  VALUE_TEXT,
  VALUE_DATE,          /* ISO, possibly partial */
  VALUE_YEAR,          /* never grouped: "2024" */
  VALUE_NUMBER,        /* grouped: "1.236" */
  VALUE_ENUM,          /* a code of enum_type */
  VALUE_ORGANIZATION,  /* ids of the records they point to */
  VALUE_MEMBER,
  VALUE_MEETING,
  VALUE_SECTOR,
  VALUE_BADGE,         /* the years of a Party badge */
} ValueKind;

typedef struct
{
  const char  *column;
  const char  *label;
  ValueKind    kind;
  GType      (*enum_type) (void);
} ColumnInfo;

typedef struct
{
  const char       *table;
  const char       *label;        /* what one row is, inside a sentence */
  const ColumnInfo *columns;
  guint             n_columns;
} TableInfo;

/* The columns of the schema (migrations of sdb-database.c), labelled as the interchange sheets
 * head them where the same field is meant. */
static const ColumnInfo profile_columns[] = {
  { "since", N_("Applies from"), VALUE_DATE, NULL },
  { "name", N_("Name of the party organization"), VALUE_TEXT, NULL },
  { "committee_name", N_("Name of the committee"), VALUE_TEXT, NULL },
  { "level", N_("Level"), VALUE_ENUM, sdb_level_get_type },
  { "symbol", N_("Document symbol"), VALUE_TEXT, NULL },
};
static const ColumnInfo term_columns[] = {
  { "first_year", N_("From year"), VALUE_YEAR, NULL },
  { "last_year", N_("To year"), VALUE_YEAR, NULL },
};
static const ColumnInfo sector_columns[] = {
  { "name", N_("Name of the sector"), VALUE_TEXT, NULL },
  { "position", N_("Order in the list"), VALUE_NUMBER, NULL },
};
static const ColumnInfo organization_columns[] = {
  { "code", N_("Organization code"), VALUE_TEXT, NULL },
  { "name", N_("Name of the organization"), VALUE_TEXT, NULL },
  { "kind", N_("Kind of organization"), VALUE_ENUM, sdb_organization_kind_get_type },
  { "parent_id", N_("Parent organization"), VALUE_ORGANIZATION, NULL },
  { "sector_id", N_("Sector"), VALUE_SECTOR, NULL },
  { "founded", N_("Date founded"), VALUE_DATE, NULL },
  { "dissolved", N_("Date dissolved"), VALUE_DATE, NULL },
  { "notes", N_("Notes"), VALUE_TEXT, NULL },
};
static const ColumnInfo organization_event_columns[] = {
  { "organization_id", N_("Party organization"), VALUE_ORGANIZATION, NULL },
  { "date", N_("Date"), VALUE_DATE, NULL },
  { "kind", N_("Change"), VALUE_ENUM, sdb_organization_event_kind_get_type },
  { "old_name", N_("Former name"), VALUE_TEXT, NULL },
  { "name", N_("New name"), VALUE_TEXT, NULL },
  { "old_parent_id", N_("Former parent organization"), VALUE_ORGANIZATION, NULL },
  { "parent_id", N_("New parent organization"), VALUE_ORGANIZATION, NULL },
  { "target_id", N_("Merged into"), VALUE_ORGANIZATION, NULL },
  { "notes", N_("Notes"), VALUE_TEXT, NULL },
};
static const ColumnInfo member_columns[] = {
  { "code", N_("Member code"), VALUE_TEXT, NULL },
  { "full_name", N_("Full name"), VALUE_TEXT, NULL },
  { "gender", N_("Gender"), VALUE_ENUM, sdb_gender_get_type },
  { "birth_date", N_("Date of birth"), VALUE_DATE, NULL },
  { "ethnicity", N_("Ethnicity"), VALUE_TEXT, NULL },
  { "religion", N_("Religion"), VALUE_TEXT, NULL },
  { "hometown", N_("Hometown"), VALUE_TEXT, NULL },
  { "card_number", N_("Party card number"), VALUE_TEXT, NULL },
  { "position", N_("Position"), VALUE_TEXT, NULL },
  { "notes", N_("Notes"), VALUE_TEXT, NULL },
  { "admission_date", N_("Admission date"), VALUE_DATE, NULL },
  { "official_date", N_("Date made official"), VALUE_DATE, NULL },
  { "organization_id", N_("Cell"), VALUE_ORGANIZATION, NULL },
};
static const ColumnInfo member_event_columns[] = {
  { "member_id", N_("Member"), VALUE_MEMBER, NULL },
  { "date", N_("Date"), VALUE_DATE, NULL },
  { "kind", N_("Event"), VALUE_ENUM, sdb_member_event_kind_get_type },
  { "organization_id", N_("Cell"), VALUE_ORGANIZATION, NULL },
  { "reason", N_("Reason for leaving"), VALUE_ENUM, sdb_leaving_reason_get_type },
  { "place", N_("Moved from or to"), VALUE_TEXT, NULL },
  { "notes", N_("Notes"), VALUE_TEXT, NULL },
};
static const ColumnInfo member_exemption_columns[] = {
  { "member_id", N_("Member"), VALUE_MEMBER, NULL },
  { "first_date", N_("From"), VALUE_DATE, NULL },
  { "last_date", N_("Until"), VALUE_DATE, NULL },
  { "reason", N_("Reason"), VALUE_TEXT, NULL },
};
static const ColumnInfo admission_target_columns[] = {
  { "first_year", N_("From year"), VALUE_YEAR, NULL },
  { "last_year", N_("To year"), VALUE_YEAR, NULL },
  { "organization_id", N_("Party organization"), VALUE_ORGANIZATION, NULL },
  { "number", N_("Admission target"), VALUE_NUMBER, NULL },
};
static const ColumnInfo organization_rating_columns[] = {
  { "organization_id", N_("Party organization"), VALUE_ORGANIZATION, NULL },
  { "year", N_("Year"), VALUE_YEAR, NULL },
  { "grade", N_("Grade"), VALUE_ENUM, sdb_grade_get_type },
  { "not_rated_reason", N_("Reason not rated"), VALUE_ENUM, sdb_not_rated_reason_get_type },
  { "score", N_("Score"), VALUE_NUMBER, NULL },
  { "notes", N_("Notes"), VALUE_TEXT, NULL },
};
static const ColumnInfo member_rating_columns[] = {
  { "member_id", N_("Member"), VALUE_MEMBER, NULL },
  { "year", N_("Year"), VALUE_YEAR, NULL },
  { "grade", N_("Grade"), VALUE_ENUM, sdb_grade_get_type },
  { "not_rated_reason", N_("Reason not rated"), VALUE_ENUM, sdb_not_rated_reason_get_type },
  { "score", N_("Score"), VALUE_NUMBER, NULL },
  { "notes", N_("Notes"), VALUE_TEXT, NULL },
};
static const ColumnInfo meeting_columns[] = {
  { "number", N_("Number"), VALUE_TEXT, NULL },
  { "symbol", N_("Symbol"), VALUE_TEXT, NULL },
  { "date", N_("Date of the meeting"), VALUE_DATE, NULL },
  { "start_time", N_("Start time"), VALUE_TEXT, NULL },
  { "end_time", N_("End time"), VALUE_TEXT, NULL },
  { "place", N_("Place"), VALUE_TEXT, NULL },
  { "kind", N_("Kind of meeting"), VALUE_ENUM, sdb_meeting_kind_get_type },
  { "chair_name", N_("Chaired by"), VALUE_TEXT, NULL },
  { "chair_position", N_("Position of the chair"), VALUE_TEXT, NULL },
  { "secretary", N_("Minutes taken by"), VALUE_TEXT, NULL },
  { "content", N_("Content"), VALUE_TEXT, NULL },
  { "conclusions", N_("Conclusions"), VALUE_TEXT, NULL },
  { "vote_method", N_("Voting method"), VALUE_TEXT, NULL },
  { "vote_result", N_("Voting result"), VALUE_TEXT, NULL },
  { "title", N_("Title of the meeting"), VALUE_TEXT, NULL },
};
static const ColumnInfo meeting_attendee_columns[] = {
  { "meeting_id", N_("Meeting"), VALUE_MEETING, NULL },
  { "seq", N_("Order"), VALUE_NUMBER, NULL },
  { "attendance", N_("Attendance"), VALUE_ENUM, sdb_attendance_get_type },
  { "name", N_("Full name"), VALUE_TEXT, NULL },
  { "title", N_("Position"), VALUE_TEXT, NULL },
  { "reason", N_("Reason for absence"), VALUE_TEXT, NULL },
  { "member_id", N_("Member"), VALUE_MEMBER, NULL },
};
static const ColumnInfo meeting_document_columns[] = {
  { "meeting_id", N_("Meeting"), VALUE_MEETING, NULL },
  { "seq", N_("Order"), VALUE_NUMBER, NULL },
  { "number", N_("Number"), VALUE_TEXT, NULL },
  { "symbol", N_("Symbol"), VALUE_TEXT, NULL },
  { "date", N_("Date issued"), VALUE_DATE, NULL },
  { "title", N_("Subject"), VALUE_TEXT, NULL },
};
static const ColumnInfo award_columns[] = {
  { "year", N_("Year"), VALUE_YEAR, NULL },
  { "organization_id", N_("Collective awarded"), VALUE_ORGANIZATION, NULL },
  { "member_id", N_("Member awarded"), VALUE_MEMBER, NULL },
  { "person_name", N_("Person awarded"), VALUE_TEXT, NULL },
  { "form", N_("Form of award"), VALUE_TEXT, NULL },
  { "reason", N_("Achievement"), VALUE_TEXT, NULL },
  { "meeting_id", N_("Presented at the meeting"), VALUE_MEETING, NULL },
};
static const ColumnInfo badge_columns[] = {
  { "member_id", N_("Member"), VALUE_MEMBER, NULL },
  { "years", N_("Badge"), VALUE_BADGE, NULL },
  { "date", N_("Date presented"), VALUE_DATE, NULL },
};

#define TABLE(name, label, columns) { name, label, columns, G_N_ELEMENTS (columns) }

static const TableInfo tables[] = {
  TABLE ("profile", N_("name and level of the committee"), profile_columns),
  TABLE ("term", N_("term"), term_columns),
  TABLE ("sector", N_("sector"), sector_columns),
  TABLE ("organization", N_("party organization"), organization_columns),
  TABLE ("organization_event", N_("change of organization"), organization_event_columns),
  TABLE ("member", N_("member"), member_columns),
  TABLE ("member_event", N_("party membership history"), member_event_columns),
  TABLE ("member_exemption", N_("exemption from work and meetings"),
         member_exemption_columns),
  TABLE ("admission_target", N_("admission target"), admission_target_columns),
  TABLE ("organization_rating", N_("rating"), organization_rating_columns),
  TABLE ("member_rating", N_("rating"), member_rating_columns),
  TABLE ("meeting", N_("meeting"), meeting_columns),
  TABLE ("meeting_attendee", N_("attendee"), meeting_attendee_columns),
  TABLE ("meeting_document", N_("document"), meeting_document_columns),
  TABLE ("award", N_("award"), award_columns),
  TABLE ("badge", N_("Party badge"), badge_columns),
};

/* Each record kind, the table of its own rows (the others are its parts: a member's events,
 * ratings, badges...) and the column of its name, to name it once deleted. */
typedef struct
{
  const char *kind;
  const char *label;
  const char *table;
  const char *name_path;
} RecordKindInfo;

static const RecordKindInfo record_kinds[] = {
  { "organization", N_("Party organization"), "organization", "$.name" },
  { "member", N_("Member"), "member", "$.full_name" },
  { "meeting", N_("Meeting"), "meeting", "$.title" },
  { "award", N_("Award"), "award", NULL },
  { "target", N_("Admission target"), "admission_target", NULL },
  { "profile", N_("Name and level of the committee"), "profile", NULL },
  { "term", N_("Term"), "term", NULL },
  /* A sector's key is its name already. */
  { "sector", N_("Sector"), "sector", NULL },
};

/* The kinds of sdb-interchange, in an import's note. */
static const struct
{
  const char *kind;
  const char *label;
} import_kinds[] = {
  { "members", N_("members") },
  { "organizations", N_("party organizations") },
  { "targets", N_("admission targets") },
  { "organization-ratings", N_("ratings of party organizations") },
  { "member-ratings", N_("ratings of members") },
  { "meetings", N_("meetings") },
  { "awards", N_("awards") },
  { "badges", N_("Party badges") },
};

static const TableInfo *
find_table (const char *table)
{
  for (guint i = 0; table != NULL && i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].table, table))
      return &tables[i];
  return NULL;
}

static const ColumnInfo *
find_column (const char *table,
             const char *column)
{
  const TableInfo *info = find_table (table);

  for (guint i = 0; info != NULL && column != NULL && i < info->n_columns; i++)
    if (g_str_equal (info->columns[i].column, column))
      return &info->columns[i];
  return NULL;
}

static const RecordKindInfo *
find_record_kind (const char *record_kind)
{
  for (guint i = 0; record_kind != NULL && i < G_N_ELEMENTS (record_kinds); i++)
    if (g_str_equal (record_kinds[i].kind, record_kind))
      return &record_kinds[i];
  return NULL;
}

/**
 * sdb_history_record_kind_label:
 * @record_kind: a history entry's record_kind: "member", "organization", ...
 *
 * Returns: the name of the kind of record, for a list or a filter: "Đảng viên", "Tổ chức đảng";
 * an unknown kind as it is.
 */
const char *
sdb_history_record_kind_label (const char *record_kind)
{
  const RecordKindInfo *info = find_record_kind (record_kind);

  g_return_val_if_fail (record_kind != NULL, NULL);

  return info != NULL ? _(info->label) : record_kind;
}

/**
 * sdb_history_table_label:
 * @table: a table of the schema
 *
 * Returns: what one row of @table is, written to go inside a sentence: "quá trình sinh hoạt
 * đảng" (member_event), "xếp loại" (member_rating); an unknown table as it is.
 */
const char *
sdb_history_table_label (const char *table)
{
  const TableInfo *info = find_table (table);

  g_return_val_if_fail (table != NULL, NULL);

  return info != NULL ? _(info->label) : table;
}

/**
 * sdb_history_column_label:
 * @table: a table of the schema
 * @column: one of its columns
 *
 * Returns: the label of the field, as forms and sheets head it: ("member", "admission_date")
 * → "Ngày vào Đảng"; an unknown column as its name.
 */
const char *
sdb_history_column_label (const char *table,
                          const char *column)
{
  const ColumnInfo *info = find_column (table, column);

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  return info != NULL ? _(info->label) : column;
}

/* Values ------------------------------------------------------------------------------------- */

static gboolean
parse_int (const char *text,
           gint64     *value)
{
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
}

/* Runs @stmt to its first row; a failure of the database reads as "no row", since a line of
 * the history then still shows the stored value. */
static gboolean
step_row (SdbDatabase *db,
          SdbStmt     *stmt)
{
  g_autoptr(GError) error = NULL;
  int rc = sdb_database_step (db, stmt, &error);

  if (rc == 0)
    g_debug ("History: %s", error->message);
  return rc == SQLITE_ROW;
}

static gboolean
has_history_table (SdbDatabase *db)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db,
                                                  "SELECT 1 FROM sqlite_schema"
                                                  " WHERE type = 'table' AND name = 'history'",
                                                  NULL);

  return stmt != NULL && step_row (db, stmt);
}

static char *
join_code_and_name (const char *code,
                    const char *name)
{
  if (code == NULL || *code == '\0')
    return g_strdup (name != NULL ? name : "");
  if (name == NULL || *name == '\0')
    return g_strdup (code);
  return g_strdup_printf ("%s – %s", code, name);
}

/* "15-BB/HU ngày 20/11/2023"; a meeting without number and symbol goes by its title, or else
 * its kind. */
static char *
describe_meeting (SdbStmt *stmt)
{
  g_autofree char *number = sdb_stmt_dup_text (stmt, 0);
  g_autofree char *symbol = sdb_stmt_dup_text (stmt, 1);
  g_autofree char *title = sdb_stmt_dup_text (stmt, 2);
  g_autofree char *kind = sdb_stmt_dup_text (stmt, 3);
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  SdbDate day;
  int kind_value;

  sdb_stmt_get_date (stmt, 4, &day);
  date = sdb_vn_format_date (&day);
  if (*number != '\0' && *symbol != '\0')
    name = g_strconcat (number, "-", symbol, NULL);
  else if (*number != '\0' || *symbol != '\0')
    name = g_strdup (*number != '\0' ? number : symbol);
  else if (*title != '\0')
    name = g_strdup (title);
  else if (sdb_enum_from_code (SDB_TYPE_MEETING_KIND, kind, &kind_value))
    name = g_strdup (sdb_enum_get_label (SDB_TYPE_MEETING_KIND, kind_value));
  else
    name = g_strdup (kind);

  if (*date == '\0')
    return g_steal_pointer (&name);
  /* TRANSLATORS: a meeting and its date: "15-BB/HU on 20/11/2023" */
  return g_strdup_printf (_("%s on %s"), name, date);
}

/* The record @id points to as it is now, or NULL when it is no longer there. */
static char *
describe_current (SdbDatabase *db,
                  ValueKind    kind,
                  gint64       id)
{
  static const char *const queries[] = {
    [VALUE_ORGANIZATION] = "SELECT code, name FROM organization WHERE id = ?1",
    [VALUE_MEMBER] = "SELECT code, full_name FROM member WHERE id = ?1",
    [VALUE_MEETING] = "SELECT number, symbol, title, kind, date FROM meeting WHERE id = ?1",
    [VALUE_SECTOR] = "SELECT '', name FROM sector WHERE id = ?1",
  };
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, queries[kind], NULL);

  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, id);
  if (!step_row (db, stmt))
    return NULL;
  if (kind == VALUE_MEETING)
    return describe_meeting (stmt);
  return join_code_and_name ((const char *) sqlite3_column_text (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 1));
}

/* A record that was deleted, by its key in the newest history entry about it, and its name
 * when that entry is its deletion (which holds every field it had). */
static char *
describe_deleted (SdbDatabase *db,
                  ValueKind    kind,
                  gint64       id)
{
  static const char *const record_kind_of[] = {
    [VALUE_ORGANIZATION] = "organization",
    [VALUE_MEMBER] = "member",
    [VALUE_MEETING] = "meeting",
    [VALUE_SECTOR] = "sector",
  };
  const RecordKindInfo *info = find_record_kind (record_kind_of[kind]);
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *described = NULL;

  if (!has_history_table (db))
    return NULL;
  stmt = sdb_database_prepare (db,
                               "SELECT record_key,"
                               "  CASE WHEN op = 'delete' AND tbl = ?3 AND ?4 IS NOT NULL"
                               "            AND json_valid (changes)"
                               "       THEN json_extract (changes, ?4) END"
                               " FROM history WHERE record_kind = ?1 AND record_id = ?2"
                               " ORDER BY id DESC LIMIT 1",
                               NULL);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_text (stmt, 1, info->kind);
  sdb_stmt_bind_int (stmt, 2, id);
  sdb_stmt_bind_text (stmt, 3, info->table);
  sdb_stmt_bind_nullable_text (stmt, 4, info->name_path);
  if (!step_row (db, stmt))
    return NULL;
  described = join_code_and_name ((const char *) sqlite3_column_text (stmt, 0),
                                  (const char *) sqlite3_column_text (stmt, 1));
  if (*described == '\0')
    return NULL;
  /* TRANSLATORS: a record that no longer exists: "CB09 – Chi bộ thôn Nà Hạ (deleted)" */
  return g_strdup_printf (_("%s (deleted)"), described);
}

static char *
format_reference (SdbDatabase *db,
                  ValueKind    kind,
                  const char  *value)
{
  char *described = NULL;
  gint64 id;

  if (!parse_int (value, &id))
    return g_strdup (value);
  if (db != NULL)
    described = describe_current (db, kind, id);
  if (db != NULL && described == NULL)
    described = describe_deleted (db, kind, id);
  if (described == NULL)
    described = g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  return described;
}

/**
 * sdb_history_format_value:
 * @db: (nullable): the database the ids point into
 * @table: the table of the row
 * @column: the column of the value
 * @value: (nullable): the value as the history stores it
 *
 * A stored value as the clerk reads it: ISO dates, also partial, as dd/mm/yyyy, mm/yyyy or
 * yyyy; codes as their labels; ids as the code and name of the record they point to, now or,
 * once it is deleted, as the history last knew it (else "#17"); numbers grouped the Vietnamese
 * way, years not; %NULL or "" as "(trống)"; other text as it is.
 *
 * Returns: (transfer full): the value to show.
 */
char *
sdb_history_format_value (SdbDatabase *db,
                          const char  *table,
                          const char  *column,
                          const char  *value)
{
  const ColumnInfo *info;
  SdbDate date;
  gint64 number;
  int code;

  g_return_val_if_fail (db == NULL || SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup (_("(empty)"));

  info = find_column (table, column);
  if (info == NULL)
    return g_strdup (value);

  switch (info->kind)
    {
    case VALUE_DATE:
      if (sdb_date_from_iso (value, &date) && sdb_date_is_valid (&date))
        return sdb_vn_format_date (&date);
      break;
    case VALUE_YEAR:
      if (parse_int (value, &number) && number >= G_MININT && number <= G_MAXINT)
        return sdb_vn_format_year ((int) number);
      break;
    case VALUE_NUMBER:
      if (parse_int (value, &number))
        return sdb_vn_format_int (number);
      break;
    case VALUE_ENUM:
      if (sdb_enum_from_code (info->enum_type (), value, &code))
        return g_strdup (sdb_enum_get_label (info->enum_type (), code));
      break;
    case VALUE_BADGE:
      if (parse_int (value, &number))
        {
          g_autofree char *years = sdb_vn_format_int (number);

          /* TRANSLATORS: a Party badge by the years of party age it marks */
          return g_strdup_printf (_("%s-year Party badge"), years);
        }
      break;
    case VALUE_ORGANIZATION:
    case VALUE_MEMBER:
    case VALUE_MEETING:
    case VALUE_SECTOR:
      return format_reference (db, info->kind, value);
    case VALUE_TEXT:
    default:
      break;
    }
  return g_strdup (value);
}

/* Changes ------------------------------------------------------------------------------------ */

static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  /* TRANSLATORS: one field of a record in the history: "Full name: Nguyễn Văn A" */
  g_string_append_printf (out, _("%s: %s"), label, value);
  g_string_append_c (out, '\n');
}

/* The value at @path of the JSON @changes, as text; NULL when it is missing or @changes is not
 * JSON. */
static char *
dup_json_text (SdbDatabase *db,
               const char  *changes,
               const char  *path)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db,
                                                  "SELECT CASE WHEN json_valid (?1)"
                                                  " THEN json_extract (?1, ?2) END",
                                                  NULL);

  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_text (stmt, 1, changes);
  sdb_stmt_bind_text (stmt, 2, path);
  if (!step_row (db, stmt) || sdb_stmt_is_null (stmt, 0))
    return NULL;
  return sdb_stmt_dup_text (stmt, 0);
}

/* A count of a note, grouped; *@n is what to choose the plural form by. */
static char *
dup_json_count (SdbDatabase *db,
                const char  *changes,
                const char  *path,
                gulong      *n)
{
  g_autofree char *text = dup_json_text (db, changes, path);
  gint64 value = 0;

  if (text == NULL || !parse_int (text, &value))
    value = 0;
  *n = (gulong) CLAMP (value, 0, G_MAXLONG);
  return sdb_vn_format_int (value);
}

static const char *
import_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (import_kinds); i++)
    if (g_str_equal (import_kinds[i].kind, kind))
      return _(import_kinds[i].label);
  return kind;
}

/* The one sentence of an entry that is a note rather than a row's change; NULL when @op is not
 * a note. */
static char *
format_note (SdbDatabase *db,
             const char  *op,
             const char  *changes)
{
  if (g_str_equal (op, "start"))
    {
      g_autofree char *reason = dup_json_text (db, changes, "$.reason");

      if (g_strcmp0 (reason, "new") == 0)
        return g_strdup (_("The history of changes starts with this new database"));
      if (g_strcmp0 (reason, "migrated") == 0)
        return g_strdup (_("The history of changes starts here: earlier changes were not "
                           "recorded"));
      return g_strdup (_("The history of changes starts here"));
    }
  if (g_str_equal (op, "import"))
    {
      g_autofree char *file = dup_json_text (db, changes, "$.file");
      g_autofree char *kind = dup_json_text (db, changes, "$.kind");
      g_autofree char *changed = NULL;
      gulong n;

      changed = dup_json_count (db, changes, "$.changed", &n);
      /* TRANSLATORS: "Imported the file members.csv (members): 12 records changed" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Imported the file %s (%s): %s record changed",
                                           "Imported the file %s (%s): %s records changed", n),
                              file != NULL ? file : "",
                              kind != NULL ? import_kind_label (kind) : "", changed);
    }
  if (g_str_equal (op, "demo"))
    {
      gulong n_organizations, n_members;
      g_autofree char *organizations = dup_json_count (db, changes, "$.organizations",
                                                       &n_organizations);
      g_autofree char *members = dup_json_count (db, changes, "$.members", &n_members);
      g_autofree char *organizations_text = NULL;
      g_autofree char *members_text = NULL;

      organizations_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s party organization",
                                                         "%s party organizations",
                                                         n_organizations),
                                            organizations);
      members_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s member", "%s members",
                                                   n_members),
                                      members);
      /* TRANSLATORS: "Demonstration data added: 12 party organizations and 300 members" */
      return g_strdup_printf (_("Demonstration data added: %s and %s"),
                              organizations_text, members_text);
    }
  if (g_str_equal (op, "restore"))
    {
      g_autofree char *from = dup_json_text (db, changes, "$.from");

      return g_strdup_printf (_("Restored the backup %s"), from != NULL ? from : "");
    }
  if (g_str_equal (op, "undo"))
    {
      g_autofree char *txn = dup_json_text (db, changes, "$.txn");
      g_autofree char *entries = NULL;
      gulong n;

      entries = dup_json_count (db, changes, "$.entries", &n);
      /* TRANSLATORS: "Undid change no. 42 (7 entries)": the number of the change undone, and
       * how many of its entries were put back */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Undid change no. %s (%s entry)",
                                           "Undid change no. %s (%s entries)", n),
                              txn != NULL ? txn : "", entries);
    }
  return NULL;
}

static gboolean
is_json_object (SdbDatabase *db,
                const char  *changes)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db,
                                                  "SELECT CASE WHEN json_valid (?1)"
                                                  " THEN json_type (?1) = 'object' END",
                                                  NULL);

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_text (stmt, 1, changes);
  return step_row (db, stmt) && sqlite3_column_int (stmt, 0) == 1;
}

/* Columns a clerk never reads: the row's number and the keys made from its name. */
static gboolean
is_hidden_column (const char *column)
{
  return g_str_equal (column, "id") || g_str_equal (column, "name_key")
         || g_str_equal (column, "search_key");
}

/**
 * sdb_history_format_changes:
 * @db: the database the entry belongs to
 * @op: the entry's op: insert, update, delete, or a note (start, import, demo, restore, undo)
 * @table: the table of the row ("" for a note)
 * @changes: the entry's JSON
 *
 * The lines of one entry, each ending in "\n": for an update, each changed field with its old
 * and new value ("Ngày vào Đảng: 01/02/2020 → 01/03/2020"); for an insert or a delete, the
 * fields the row had ("Họ và tên: Nguyễn Văn A"); for a note, one sentence ("Nhập tệp
 * members.csv (đảng viên): 12 bản ghi thay đổi"). @changes that are not JSON are shown as they
 * are.
 *
 * Returns: (transfer full): the lines.
 */
char *
sdb_history_format_changes (SdbDatabase *db,
                            const char  *op,
                            const char  *table,
                            const char  *changes)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(SdbStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  gboolean update;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (changes != NULL, NULL);

  note = format_note (db, op, changes);
  if (note != NULL)
    return g_strconcat (note, "\n", NULL);

  /* Changes that are not a JSON object (a damaged entry) are shown as they are, rather than
   * hidden. */
  if (!is_json_object (db, changes))
    return g_strconcat (changes, "\n", NULL);

  update = g_str_equal (op, "update");
  /* A new or deleted row is told by the fields it has: empty ones would only bury them. */
  /* json_each keeps the order of the object, which is the order of the table's columns. */
  stmt = sdb_database_prepare (db,
                               "SELECT key,"
                               "  CASE WHEN type = 'array' THEN json_extract (value, '$[0]')"
                               "       ELSE value END,"
                               "  CASE WHEN type = 'array' THEN json_extract (value, '$[1]') END,"
                               "  type = 'array',"
                               "  type = 'null' OR (type = 'text' AND value = '')"
                               " FROM json_each (?1)",
                               &error);
  if (stmt == NULL)
    return g_strconcat (changes, "\n", NULL);
  sdb_stmt_bind_text (stmt, 1, changes);

  while ((rc = sdb_database_step (db, stmt, &error)) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 0);
      const char *label;
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (column == NULL || is_hidden_column (column))
        continue;
      label = sdb_history_column_label (table, column);
      old_value = sdb_history_format_value (db, table, column,
                                            (const char *) sqlite3_column_text (stmt, 1));
      if (update && sqlite3_column_int (stmt, 3))
        {
          new_value = sdb_history_format_value (db, table, column,
                                                (const char *) sqlite3_column_text (stmt, 2));
          /* TRANSLATORS: a changed field in the history: "Admission date: 01/02/2020 →
           * 01/03/2020" */
          g_string_append_printf (out, _("%s: %s → %s"), label, old_value, new_value);
          g_string_append_c (out, '\n');
        }
      else if (update || !sqlite3_column_int (stmt, 4))
        append_field (out, label, old_value);
    }
  if (rc == 0)
    {
      g_debug ("History: %s", error->message);
      return g_strconcat (changes, "\n", NULL);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Headings ----------------------------------------------------------------------------------- */

/* The entry's time (UTC) as the clerk's clock showed it: dd/mm/yyyy HH:MM. */
static char *
format_time (const char *time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (time, utc);
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup (time);
  local = g_date_time_to_local (when);
  return g_strdup_printf ("%02d/%02d/%04d %02d:%02d",
                          g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                          g_date_time_get_year (local), g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

/* "đảng viên DV0001": a record inside a sentence. */
static char *
describe_record (const char *record_kind,
                 const char *record_key)
{
  const RecordKindInfo *info = find_record_kind (record_kind);

  if (info == NULL)
    return g_strdup (record_key);
  if (*record_key == '\0')
    return g_strdup (sdb_history_table_label (info->table));
  if (g_str_equal (record_kind, "organization"))
    return g_strdup_printf (_("organization %s"), record_key);
  if (g_str_equal (record_kind, "member"))
    return g_strdup_printf (_("member %s"), record_key);
  if (g_str_equal (record_kind, "meeting"))
    return g_strdup_printf (_("meeting %s"), record_key);
  if (g_str_equal (record_kind, "award"))
    return g_strdup_printf (_("award %s"), record_key);
  if (g_str_equal (record_kind, "target"))
    return g_strdup_printf (_("admission target %s"), record_key);
  if (g_str_equal (record_kind, "profile"))
    {
      SdbDate since;

      /* A name of the committee goes by the date it applies from. */
      if (sdb_date_from_iso (record_key, &since) && sdb_date_is_valid (&since))
        {
          g_autofree char *date = sdb_vn_format_date (&since);

          return g_strdup_printf (_("name and level of the committee from %s"), date);
        }
      return g_strdup_printf (_("name and level of the committee %s"), record_key);
    }
  if (g_str_equal (record_kind, "term"))
    return g_strdup_printf (_("term %s"), record_key);
  if (g_str_equal (record_kind, "sector"))
    return g_strdup_printf (_("sector %s"), record_key);
  g_return_val_if_reached (g_strdup (record_key));
}

/* What happened, after the time and the user: "Sửa đảng viên DV0001", "Thêm xếp loại của đảng
 * viên DV0001". */
static char *
describe_entry (const char *op,
                const char *record_kind,
                const char *record_key,
                const char *table,
                const char *row_key)
{
  const RecordKindInfo *info = find_record_kind (record_kind);
  g_autofree char *subject = describe_record (record_kind, record_key);

  if (g_str_equal (op, "start"))
    return g_strdup (_("History of changes started"));
  if (g_str_equal (op, "import"))
    return g_strdup (_("Imported a file"));
  if (g_str_equal (op, "demo"))
    return g_strdup (_("Added demonstration data"));
  if (g_str_equal (op, "restore"))
    return g_strdup (_("Restored a backup"));
  if (g_str_equal (op, "undo"))
    return g_strdup (_("Undid a change"));

  if (*table != '\0' && (info == NULL || !g_str_equal (table, info->table)))
    {
      char *part;

      const char *year = strrchr (row_key, '/');

      /* A rating's row is the record's and the year's: "member_id/2024". */
      if (year != NULL && g_str_has_suffix (table, "_rating"))
        /* TRANSLATORS: a year's rating of a record: "rating for 2024 of member DV0001" */
        part = g_strdup_printf (_("%s for %s of %s"), sdb_history_table_label (table), year + 1,
                                subject);
      else
        /* TRANSLATORS: a part of a record: "rating of member DV0001" */
        part = g_strdup_printf (_("%s of %s"), sdb_history_table_label (table), subject);
      g_free (subject);
      subject = part;
    }

  if (g_str_equal (op, "insert"))
    /* TRANSLATORS: the history's heading of a new record: "Added member DV0001" */
    return g_strdup_printf (_("Added %s"), subject);
  if (g_str_equal (op, "update"))
    return g_strdup_printf (_("Changed %s"), subject);
  if (g_str_equal (op, "delete"))
    return g_strdup_printf (_("Deleted %s"), subject);
  return g_strdup_printf ("%s %s", op, subject);
}

/**
 * sdb_history_format_heading:
 * @time: the entry's time, UTC in ISO 8601: "2026-11-22T18:30:05Z"
 * @user: the system user who made the change
 * @op: the entry's op
 * @record_kind: (nullable): the kind of the record it is about ("" for a note)
 * @record_key: (nullable): the record's code at the time ("DV0001")
 * @table: (nullable): the table of the row ("" for a note)
 * @row_key: (nullable): the row's key, which names the year of a rating ("12/2024")
 *
 * One heading line for an entry, without a line end: "22/11/2026 18:30 · nguyenvana · Sửa đảng
 * viên DV0001", the time in local time. Nothing here depends on the process locale but the
 * language of the words.
 *
 * Returns: (transfer full): the heading.
 */
char *
sdb_history_format_heading (const char *time,
                            const char *user,
                            const char *op,
                            const char *record_kind,
                            const char *record_key,
                            const char *table,
                            const char *row_key)
{
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (op != NULL, NULL);

  when = format_time (time);
  what = describe_entry (op, record_kind != NULL ? record_kind : "",
                         record_key != NULL ? record_key : "", table != NULL ? table : "",
                         row_key != NULL ? row_key : "");
  return g_strdup_printf ("%s · %s · %s", when, user, what);
}
