/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Admission targets and yearly ratings in sheets. A target is keyed by its years and its
 * organization (none: the whole committee); a rating by its year and the code of the
 * organization or member rated. A row of a known key corrects the record through the core's
 * own update, so the forms' rules apply, and the core's warnings (the 20% excellent rule) come
 * back beside a successful import. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-enums.h"
#include "sdb-interchange-private.h"
#include "sdb-rating.h"
#include "sdb-target.h"
#include "sdb-vn.h"

/* A target of more than this many admissions is a typing mistake, not a plan. */
#define TARGET_MAX 100000

/* Targets ------------------------------------------------------------------------------------ */

static const SdbInterchangeColumn target_columns[] = {
  { "year_from", "Từ năm", "năm|năm bắt đầu", SDB_XLSX_INTEGER, NULL, "first-year" },
  { "year_to", "Đến năm", "năm kết thúc", SDB_XLSX_INTEGER, NULL, "last-year" },
  { "organization_code", "Mã tổ chức", "mã|mã tổ chức đảng", SDB_XLSX_TEXT, NULL,
    "organization-id" },
  { "target", "Chỉ tiêu kết nạp", "chỉ tiêu|số chỉ tiêu|chỉ tiêu kết nạp đảng viên",
    SDB_XLSX_INTEGER, NULL, "number" },
};

enum { YEAR_FROM, YEAR_TO, TARGET_ORGANIZATION, TARGET };

static gboolean
cell_is_empty (const SdbInterchangeRow *row,
               int                      column)
{
  return row->values[column] == NULL || *row->values[column] == '\0';
}

/* The target stored for exactly these years and organization, or NULL. */
static SdbTarget *
find_target (SdbDatabase  *db,
             int           first_year,
             int           last_year,
             gint64        organization_id,
             GError      **error)
{
  SdbTargetFilter filter = { first_year, organization_id };
  g_autoptr(GListModel) targets = sdb_target_list (db, &filter, error);

  if (targets == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(SdbTarget) target = g_list_model_get_item (targets, i);

      if (sdb_target_get_first_year (target) == first_year
          && sdb_target_get_last_year (target) == last_year)
        return g_steal_pointer (&target);
    }
  return NULL;
}

static gboolean
import_target (SdbInterchangeImport    *import,
               const SdbInterchangeRow *row,
               SdbImportCounts         *counts,
               GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SdbTarget) existing = NULL;
  g_autoptr(SdbTarget) target = NULL;
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  guint errors_before = import->n_errors;
  gint64 first_year = 0;
  gint64 last_year = 0;
  gint64 organization_id = 0;
  gint64 number = 0;

  sdb_interchange_int_cell (import, row, YEAR_FROM, SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX,
                            &first_year);
  /* An empty last year is a target for the first year alone, as offices write a year's. */
  if (sdb_interchange_int_cell (import, row, YEAR_TO, SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX,
                                &last_year)
      && cell_is_empty (row, YEAR_TO))
    last_year = first_year;
  if (!sdb_interchange_organization_cell (import, row, TARGET_ORGANIZATION, &organization_id,
                                          error))
    return FALSE;
  if (row->values[TARGET] != NULL && *row->values[TARGET] != '\0')
    sdb_interchange_int_cell (import, row, TARGET, 0, TARGET_MAX, &number);
  if (import->n_errors > errors_before)
    return TRUE;

  existing = find_target (import->db, (int) first_year, (int) last_year, organization_id,
                          &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    target = sdb_target_copy (existing);
  else
    {
      target = sdb_target_new ();
      sdb_target_set_first_year (target, (int) first_year);
      sdb_target_set_last_year (target, (int) last_year);
      sdb_target_set_organization_id (target, organization_id);
    }

  if (row->values[TARGET] != NULL && *row->values[TARGET] != '\0')
    sdb_target_set_number (target, (int) number);
  else if (row->values[TARGET] != NULL || existing == NULL)
    {
      /* An empty cell cannot clear a target: a target of 0 is written 0. */
      sdb_interchange_add_problem (import, row->line, target_columns[TARGET].key,
                                   SDB_SEVERITY_ERROR,
                                   _("Enter the number of members to admit: 0 or more."));
      return TRUE;
    }

  if (existing == NULL)
    {
      if (!sdb_target_insert (import->db, target, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->inserted++;
    }
  else if (sdb_target_get_number (existing) != sdb_target_get_number (target))
    {
      if (!sdb_target_update (import->db, target, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->updated++;
    }
  sdb_interchange_add_record_problems (import, row->line, found);
  return TRUE;
}

/* The framework finds rows with the same key as written; a row for one year may leave its last
 * year empty, so "2024,," and "2024,2024," are the same target too. Rows whose years are not
 * numbers are left to import_target () to report. */
static GPtrArray *
order_targets (SdbInterchangeImport *import,
               GPtrArray            *rows)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const SdbInterchangeRow *row = g_ptr_array_index (rows, i);
      g_autofree char *code = NULL;
      gint64 first_year;
      gint64 last_year;

      if (cell_is_empty (row, YEAR_FROM)
          || !sdb_vn_parse_int (row->values[YEAR_FROM], &first_year, NULL))
        continue;
      if (cell_is_empty (row, YEAR_TO))
        last_year = first_year;
      else if (!sdb_vn_parse_int (row->values[YEAR_TO], &last_year, NULL))
        continue;
      code = g_utf8_casefold (row->values[TARGET_ORGANIZATION] != NULL
                              ? row->values[TARGET_ORGANIZATION] : "", -1);
      if (!g_hash_table_add (keys, g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT
                                                    "\x1f%s", first_year, last_year, code)))
        sdb_interchange_add_problem (import, row->line, target_columns[YEAR_FROM].key,
                                     SDB_SEVERITY_ERROR,
                                     _("An earlier row is about the same target (the same "
                                       "years and organization). Each target appears once in a "
                                       "file."));
    }
  return g_ptr_array_ref (rows);
}

static GPtrArray *
export_targets (SdbDatabase  *db,
                int           year,
                GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT t.first_year, t.last_year, o.code, t.number"
                          " FROM admission_target t"
                          " LEFT JOIN organization o ON o.id = t.organization_id"
                          " WHERE ?1 = 0 OR (t.first_year <= ?1 AND t.last_year >= ?1)"
                          " ORDER BY t.first_year, t.last_year, o.code IS NOT NULL, o.code",
                          error);

  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, year);
  return sdb_interchange_rows_from_statement (db, stmt, G_N_ELEMENTS (target_columns), error);
}

const SdbInterchangeKindInfo sdb_interchange_targets = {
  .name = "targets",
  .sheet = "Chỉ tiêu kết nạp",
  .columns = target_columns,
  .n_columns = G_N_ELEMENTS (target_columns),
  .key_columns = { YEAR_FROM, YEAR_TO, TARGET_ORGANIZATION, -1 },
  .by_year = TRUE,
  .order = order_targets,
  .import_row = import_target,
  .export_rows = export_targets,
};

/* Ratings ------------------------------------------------------------------------------------ */

static const SdbInterchangeColumn organization_rating_columns[] = {
  { "year", "Năm", "năm xếp loại|năm đánh giá", SDB_XLSX_INTEGER, NULL, "year" },
  { "organization_code", "Mã tổ chức", "mã|mã tổ chức đảng", SDB_XLSX_TEXT, NULL,
    "organization-id" },
  { "grade", "Xếp loại", "xếp loại chất lượng|kết quả xếp loại|mức xếp loại|loại",
    SDB_XLSX_TEXT, sdb_grade_get_type, "grade" },
  { "score", "Điểm", "điểm số|tổng điểm|điểm đánh giá", SDB_XLSX_INTEGER, NULL, "score" },
  { "reason", "Lý do không xếp loại", "lý do", SDB_XLSX_TEXT,
    sdb_not_rated_reason_get_type, "not-rated-reason" },
};

static const SdbInterchangeColumn member_rating_columns[] = {
  { "year", "Năm", "năm xếp loại|năm đánh giá", SDB_XLSX_INTEGER, NULL, "year" },
  { "member_code", "Mã đảng viên", "mã|số lý lịch", SDB_XLSX_TEXT, NULL, "member-id" },
  { "grade", "Xếp loại", "xếp loại chất lượng|kết quả xếp loại|mức xếp loại|loại",
    SDB_XLSX_TEXT, sdb_grade_get_type, "grade" },
  { "score", "Điểm", "điểm số|tổng điểm|điểm đánh giá", SDB_XLSX_INTEGER, NULL, "score" },
  { "reason", "Lý do không xếp loại", "lý do", SDB_XLSX_TEXT,
    sdb_not_rated_reason_get_type, "not-rated-reason" },
};

/* The two kinds have the same columns but for the subject's code. */
enum { YEAR, SUBJECT, GRADE, SCORE, REASON };

/* What a rating row's grade and reason cells say. Offices often write "Không xếp loại" or the
 * reason itself in the grade column, so both mean "not rated" there. */
typedef struct
{
  int      grade;       /* -1: none given */
  int      reason;      /* -1: none given */
  gboolean not_rated;   /* the grade cell said "not rated" */
} GradeCells;

static gboolean
says_not_rated (const char *text)
{
  g_autofree char *key = sdb_vn_search_key (text);

  return g_strcmp0 (key, "khong xep loai") == 0 || g_strcmp0 (key, "kxl") == 0
         || g_strcmp0 (key, "not_rated") == 0;
}

/* Reads the grade cell; FALSE after adding a problem. */
static gboolean
grade_cell (SdbInterchangeImport    *import,
            const SdbInterchangeRow *row,
            GradeCells              *cells)
{
  const char *text = row->values[GRADE];
  g_autoptr(GEnumClass) klass = NULL;
  g_autoptr(GString) names = NULL;
  g_autofree char *message = NULL;

  if (cell_is_empty (row, GRADE) || sdb_interchange_parse_value (SDB_TYPE_GRADE, text,
                                                                 &cells->grade))
    return TRUE;
  if (says_not_rated (text))
    {
      cells->not_rated = TRUE;
      return TRUE;
    }
  if (sdb_interchange_parse_value (SDB_TYPE_NOT_RATED_REASON, text, &cells->reason))
    {
      cells->not_rated = TRUE;
      return TRUE;
    }

  klass = g_type_class_ref (SDB_TYPE_GRADE);
  names = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (names, "%s%s (%s)", i > 0 ? ", " : "",
                            klass->values[i].value_nick,
                            sdb_interchange_value_label (SDB_TYPE_GRADE,
                                                         klass->values[i].value));
  /* Translators: the first %s is what the cell holds, the second the list of grades as
   * "excellent (Hoàn thành xuất sắc nhiệm vụ), ...", the third the column's key, "reason". */
  message = g_strdup_printf (_("“%s” is not a grade. Write one of: %s. For one not rated, "
                               "leave it empty and give the reason in the column “%s”."),
                             text, names->str, "reason");
  sdb_interchange_add_problem (import, row->line, "grade", SDB_SEVERITY_ERROR, message);
  return FALSE;
}

/* Reads the grade and reason cells of the row, as far as the row has them. */
static gboolean
grade_and_reason_cells (SdbInterchangeImport    *import,
                        const SdbInterchangeRow *row,
                        GradeCells              *cells)
{
  int reason = -1;

  *cells = (GradeCells) { -1, -1, FALSE };
  if (row->values[GRADE] != NULL && !grade_cell (import, row, cells))
    return FALSE;
  if (row->values[REASON] != NULL
      && !sdb_interchange_enum_cell (import, row, REASON, &reason))
    return FALSE;
  if (reason >= 0 && cells->reason >= 0 && reason != cells->reason)
    {
      sdb_interchange_add_problem (import, row->line, "reason", SDB_SEVERITY_ERROR,
                                   _("The grade column gives another reason for not rating. "
                                     "Keep the reason in one column only."));
      return FALSE;
    }
  if (reason >= 0)
    cells->reason = reason;
  if (cells->grade >= 0 && cells->reason >= 0)
    {
      sdb_interchange_add_problem (import, row->line, "reason", SDB_SEVERITY_ERROR,
                                   _("A rating has either a grade or a reason for not rating, "
                                     "not both. Clear one of them."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
same_rating (SdbRating *a,
             SdbRating *b)
{
  if (sdb_rating_get_rated (a) != sdb_rating_get_rated (b)
      || sdb_rating_get_score (a) != sdb_rating_get_score (b))
    return FALSE;
  if (sdb_rating_get_rated (a))
    return sdb_rating_get_grade (a) == sdb_rating_get_grade (b);
  return sdb_rating_get_not_rated_reason (a) == sdb_rating_get_not_rated_reason (b);
}

static gboolean
import_rating (SdbInterchangeImport    *import,
               const SdbInterchangeRow *row,
               gboolean                 members,
               SdbImportCounts         *counts,
               GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SdbRating) existing = NULL;
  g_autoptr(SdbRating) rating = NULL;
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  const char *subject_key = import->info->columns[SUBJECT].key;
  gboolean grade_given = row->values[GRADE] != NULL;
  gboolean reason_given = row->values[REASON] != NULL;
  guint errors_before = import->n_errors;
  GradeCells cells;
  gint64 year = 0;
  gint64 subject_id = 0;
  gint64 score = 0;

  sdb_interchange_int_cell (import, row, YEAR, SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX, &year);
  if (cell_is_empty (row, SUBJECT))
    sdb_interchange_add_problem (import, row->line, subject_key, SDB_SEVERITY_ERROR,
                                 members ? _("Enter the code of the member rated.")
                                         : _("Enter the code of the party organization "
                                             "rated."));
  else if (members ? !sdb_interchange_member_cell (import, row, SUBJECT, &subject_id, error)
                   : !sdb_interchange_organization_cell (import, row, SUBJECT, &subject_id,
                                                         error))
    return FALSE;
  grade_and_reason_cells (import, row, &cells);
  if (row->values[SCORE] != NULL)
    sdb_interchange_int_cell (import, row, SCORE, 0, 100, &score);
  if (import->n_errors > errors_before)
    return TRUE;

  existing = members ? sdb_rating_lookup_member (import->db, subject_id, (int) year,
                                                 &local_error)
                     : sdb_rating_lookup_organization (import->db, subject_id, (int) year,
                                                       &local_error);
  if (existing == NULL
      && !g_error_matches (local_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);
  if (existing != NULL)
    rating = sdb_rating_copy (existing);
  else
    rating = members ? sdb_rating_new_for_member (subject_id, (int) year)
                     : sdb_rating_new_for_organization (subject_id, (int) year);

  /* What the row does not say is kept from the stored rating; what it says wins over it. */
  if (existing != NULL && !grade_given && cells.reason < 0 && sdb_rating_get_rated (existing))
    cells.grade = sdb_rating_get_grade (existing);
  if (existing != NULL && !reason_given && cells.grade < 0 && !sdb_rating_get_rated (existing))
    cells.reason = sdb_rating_get_not_rated_reason (existing);

  if (cells.grade >= 0)
    {
      sdb_rating_set_rated (rating, TRUE);
      sdb_rating_set_grade (rating, cells.grade);
    }
  else if (cells.reason >= 0)
    {
      sdb_rating_set_rated (rating, FALSE);
      sdb_rating_set_not_rated_reason (rating, cells.reason);
    }
  else
    {
      sdb_interchange_add_problem (import, row->line,
                                   cells.not_rated ? "reason" : "grade", SDB_SEVERITY_ERROR,
                                   cells.not_rated
                                   ? _("Give the reason it is not rated, e.g. "
                                       "recently_admitted (Mới kết nạp).")
                                   : _("Enter the grade, or leave it empty and give the reason "
                                       "it is not rated."));
      return TRUE;
    }
  if (row->values[SCORE] != NULL)
    sdb_rating_set_score (rating, cell_is_empty (row, SCORE) ? SDB_RATING_NO_SCORE
                                                             : (int) score);

  if (existing == NULL)
    {
      if (!sdb_rating_insert (import->db, rating, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->inserted++;
    }
  else if (!same_rating (existing, rating))
    {
      if (!sdb_rating_update (import->db, rating, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->updated++;
    }
  sdb_interchange_add_record_problems (import, row->line, found);
  return TRUE;
}

/* The 20% rule (Quy định 366-QĐ/TW) over each year of the file, once all its rows are in: the
 * core leaves it out of each save during an import, where it would cost a count of the whole
 * TCCS per row and warn about an excellent row read before the good rows of its TCCS. Its
 * warnings are about a TCCS, not a line: they come at line 0. */
static gboolean
check_years (SdbInterchangeImport  *import,
             GPtrArray             *rows,
             gboolean               members,
             GError               **error)
{
  g_autoptr(GHashTable) years = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < rows->len; i++)
    {
      const SdbInterchangeRow *row = g_ptr_array_index (rows, i);
      gint64 year;

      if (row->values[YEAR] != NULL && sdb_vn_parse_int (row->values[YEAR], &year, NULL))
        g_hash_table_add (years, GINT_TO_POINTER ((int) year));
    }
  g_hash_table_iter_init (&iter, years);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!sdb_rating_check_excellent_share (import->db, GPOINTER_TO_INT (key), members, found,
                                           error))
      return FALSE;
  sdb_interchange_add_record_problems (import, 0, found);
  return TRUE;
}

static gboolean
finish_organization_ratings (SdbInterchangeImport  *import,
                             GPtrArray             *rows,
                             GError               **error)
{
  return check_years (import, rows, FALSE, error);
}

static gboolean
finish_member_ratings (SdbInterchangeImport  *import,
                       GPtrArray             *rows,
                       GError               **error)
{
  return check_years (import, rows, TRUE, error);
}

static gboolean
import_organization_rating (SdbInterchangeImport    *import,
                            const SdbInterchangeRow *row,
                            SdbImportCounts         *counts,
                            GError                 **error)
{
  return import_rating (import, row, FALSE, counts, error);
}

static gboolean
import_member_rating (SdbInterchangeImport    *import,
                      const SdbInterchangeRow *row,
                      SdbImportCounts         *counts,
                      GError                 **error)
{
  return import_rating (import, row, TRUE, counts, error);
}

/* Separate statements with and without the year, so that a year's export uses the by-year
 * index instead of reading every year's ratings (1.5 million member ratings in a large
 * committee's ten years). */
#define RATING_EXPORT_SQL(table, subject, names, where)                                         \
  "SELECT r.year, s.code, r.grade, r.score, r.not_rated_reason"                                 \
  " FROM " table " r JOIN " names " s ON s.id = r." subject                                     \
  where                                                                                         \
  " ORDER BY r.year, s.code"

static GPtrArray *
export_ratings (SdbDatabase  *db,
                int           year,
                gboolean      members,
                GError      **error)
{
  static const char *const sql[2][2] = {
    { RATING_EXPORT_SQL ("organization_rating", "organization_id", "organization", ""),
      RATING_EXPORT_SQL ("organization_rating", "organization_id", "organization",
                         " WHERE r.year = ?1") },
    { RATING_EXPORT_SQL ("member_rating", "member_id", "member", ""),
      RATING_EXPORT_SQL ("member_rating", "member_id", "member", " WHERE r.year = ?1") },
  };
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, sql[members][year != 0], error);

  if (stmt == NULL)
    return NULL;
  if (year != 0)
    sdb_stmt_bind_int (stmt, 1, year);
  return sdb_interchange_rows_from_statement (db, stmt, G_N_ELEMENTS (member_rating_columns),
                                              error);
}

static GPtrArray *
export_organization_ratings (SdbDatabase  *db,
                             int           year,
                             GError      **error)
{
  return export_ratings (db, year, FALSE, error);
}

static GPtrArray *
export_member_ratings (SdbDatabase  *db,
                       int           year,
                       GError      **error)
{
  return export_ratings (db, year, TRUE, error);
}

const SdbInterchangeKindInfo sdb_interchange_organization_ratings = {
  .name = "organization-ratings",
  .sheet = "Xếp loại tổ chức đảng",
  .columns = organization_rating_columns,
  .n_columns = G_N_ELEMENTS (organization_rating_columns),
  .key_columns = { YEAR, SUBJECT, -1 },
  .by_year = TRUE,
  .order = NULL,
  .import_row = import_organization_rating,
  .finish = finish_organization_ratings,
  .export_rows = export_organization_ratings,
};

const SdbInterchangeKindInfo sdb_interchange_member_ratings = {
  .name = "member-ratings",
  .sheet = "Xếp loại đảng viên",
  .columns = member_rating_columns,
  .n_columns = G_N_ELEMENTS (member_rating_columns),
  .key_columns = { YEAR, SUBJECT, -1 },
  .by_year = TRUE,
  .order = NULL,
  .import_row = import_member_rating,
  .finish = finish_member_ratings,
  .export_rows = export_member_ratings,
};
