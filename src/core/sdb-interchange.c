/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-interchange: CSV in, CSV and XLSX out, for every kind (sdb-interchange-private.h). */
#include "config.h"

#include "sdb-interchange-private.h"

#include <glib/gi18n-lib.h>

#include "sdb-backup.h"
#include "sdb-csv.h"
#include "sdb-enums.h"
#include "sdb-history-private.h"
#include "sdb-history.h"
#include "sdb-member.h"
#include "sdb-organization.h"
#include "sdb-types.h"
#include "sdb-vn.h"

static const SdbInterchangeKindInfo *const kinds[] = {
  [SDB_INTERCHANGE_ORGANIZATIONS] = &sdb_interchange_organizations,
  [SDB_INTERCHANGE_MEMBERS] = &sdb_interchange_members,
  [SDB_INTERCHANGE_TARGETS] = &sdb_interchange_targets,
  [SDB_INTERCHANGE_ORGANIZATION_RATINGS] = &sdb_interchange_organization_ratings,
  [SDB_INTERCHANGE_MEMBER_RATINGS] = &sdb_interchange_member_ratings,
  [SDB_INTERCHANGE_MEETINGS] = &sdb_interchange_meetings,
  [SDB_INTERCHANGE_AWARDS] = &sdb_interchange_awards,
  [SDB_INTERCHANGE_BADGES] = &sdb_interchange_badges,
};

gboolean
sdb_interchange_kind_from_name (const char         *name,
                                SdbInterchangeKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (name, kinds[i]->name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

char *
sdb_interchange_dup_kind_names (void)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " | " : "", kinds[i]->name);
  return g_string_free (out, FALSE);
}

char *
sdb_interchange_dup_columns (SdbInterchangeKind kind)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);

  for (guint i = 0; i < kinds[kind]->n_columns; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", kinds[kind]->columns[i].key);
  return g_string_free (out, FALSE);
}

gboolean
sdb_interchange_kind_by_year (SdbInterchangeKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), FALSE);

  return kinds[kind]->by_year;
}

void
sdb_import_problem_free (SdbImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

/* Values of closed lists --------------------------------------------------------------------- */

/* Defined in sdb-interchange-records.c: there is no core enum for an award's recipient kind. */

/* The Vietnamese labels of DOMAIN.md and the other names offices' sheets use, which sheets use
 * whatever the interface language is (the enum labels go through gettext). The first name is
 * the label. */
static const struct
{
  GType      (*enum_type) (void);
  int          value;
  const char  *names;
} value_names[] = {
  { sdb_organization_kind_get_type, SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO,
    "Đảng bộ cấp trên cơ sở" },
  { sdb_organization_kind_get_type, SDB_ORGANIZATION_KIND_DANG_BO_CO_SO, "Đảng bộ cơ sở" },
  { sdb_organization_kind_get_type, SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, "Chi bộ cơ sở" },
  { sdb_organization_kind_get_type, SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN, "Đảng bộ bộ phận" },
  { sdb_organization_kind_get_type, SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC,
    "Chi bộ trực thuộc" },
  { sdb_gender_get_type, SDB_GENDER_MALE, "Nam" },
  { sdb_gender_get_type, SDB_GENDER_FEMALE, "Nữ" },
  { sdb_departure_get_type, SDB_DEPARTURE_TRANSFERRED_OUT, "Chuyển đi|chuyển sinh hoạt đi" },
  { sdb_departure_get_type, SDB_DEPARTURE_DIED, "Từ trần|chết|mất" },
  { sdb_departure_get_type, SDB_DEPARTURE_STRUCK_OFF, "Xóa tên|xoá tên" },
  { sdb_departure_get_type, SDB_DEPARTURE_EXPELLED, "Khai trừ" },
  { sdb_departure_get_type, SDB_DEPARTURE_RESIGNED, "Xin ra khỏi Đảng|xin ra đảng" },
  { sdb_grade_get_type, SDB_GRADE_EXCELLENT, "Hoàn thành xuất sắc nhiệm vụ|HTXSNV" },
  { sdb_grade_get_type, SDB_GRADE_GOOD, "Hoàn thành tốt nhiệm vụ|HTTNV" },
  { sdb_grade_get_type, SDB_GRADE_DONE, "Hoàn thành nhiệm vụ|HTNV" },
  { sdb_grade_get_type, SDB_GRADE_FAILED, "Không hoàn thành nhiệm vụ|KHTNV" },
  { sdb_not_rated_reason_get_type, SDB_NOT_RATED_REASON_RECENTLY_ADMITTED,
    "Mới kết nạp|kết nạp chưa đủ 6 tháng" },
  { sdb_not_rated_reason_get_type, SDB_NOT_RATED_REASON_EXEMPT,
    "Miễn công tác và sinh hoạt đảng|miễn sinh hoạt" },
  { sdb_not_rated_reason_get_type, SDB_NOT_RATED_REASON_SUSPENDED, "Đình chỉ sinh hoạt|đình chỉ" },
  { sdb_not_rated_reason_get_type, SDB_NOT_RATED_REASON_RECENTLY_FOUNDED,
    "Mới thành lập|thành lập chưa đủ 6 tháng" },
  { sdb_not_rated_reason_get_type, SDB_NOT_RATED_REASON_OTHER, "Lý do khác|khác" },
  { sdb_meeting_kind_get_type, SDB_MEETING_KIND_EXECUTIVE,
    "Hội nghị Ban Chấp hành|Ban Chấp hành|BCH" },
  { sdb_meeting_kind_get_type, SDB_MEETING_KIND_STANDING, "Hội nghị Ban Thường vụ|Ban Thường vụ|BTV" },
  { sdb_meeting_kind_get_type, SDB_MEETING_KIND_STANDING_MEMBERS, "Hội nghị Thường trực|Thường trực" },
  { sdb_meeting_kind_get_type, SDB_MEETING_KIND_YEAR_END, "Hội nghị tổng kết|tổng kết" },
  { sdb_meeting_kind_get_type, SDB_MEETING_KIND_MID_TERM, "Hội nghị sơ kết|sơ kết" },
  { sdb_meeting_kind_get_type, SDB_MEETING_KIND_THEMATIC, "Hội nghị chuyên đề|chuyên đề" },
  { sdb_meeting_kind_get_type, SDB_MEETING_KIND_DISSEMINATION,
    "Hội nghị học tập, quán triệt|học tập, quán triệt|quán triệt" },
  { sdb_meeting_kind_get_type, SDB_MEETING_KIND_OTHER, "Hội nghị khác|khác" },
  /* Awards' recipient kind (sdb-interchange-records.c): 0 collective, 1 individual. */
  { sdb_award_recipient_kind_get_type, 0, "Tập thể|TT" },
  { sdb_award_recipient_kind_get_type, 1, "Cá nhân|CN" },
};

const char *
sdb_interchange_value_label (GType enum_type,
                             int   value)
{
  static GHashTable *labels;  /* "type:value" → the first name, made once */
  g_autofree char *key = g_strdup_printf ("%s:%d", g_type_name (enum_type), value);
  const char *label;

  if (g_once_init_enter (&labels))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      for (guint i = 0; i < G_N_ELEMENTS (value_names); i++)
        {
          const char *bar = strchr (value_names[i].names, '|');

          g_hash_table_insert (table,
                               g_strdup_printf ("%s:%d",
                                                g_type_name (value_names[i].enum_type ()),
                                                value_names[i].value),
                               bar ? g_strndup (value_names[i].names,
                                                (gsize) (bar - value_names[i].names))
                                   : g_strdup (value_names[i].names));
        }
      g_once_init_leave (&labels, table);
    }
  label = g_hash_table_lookup (labels, key);
  return label != NULL ? label : sdb_enum_to_code (enum_type, value);
}

gboolean
sdb_interchange_parse_value (GType       enum_type,
                             const char *text,
                             int        *value)
{
  g_autofree char *key = sdb_vn_search_key (text);
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);

  if (key == NULL)
    return FALSE;
  for (guint i = 0; i < klass->n_values; i++)
    {
      g_autofree char *code_key = sdb_vn_search_key (klass->values[i].value_nick);

      if (g_strcmp0 (key, code_key) == 0)
        {
          *value = klass->values[i].value;
          return TRUE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (value_names); i++)
    {
      g_auto(GStrv) names = NULL;

      if (value_names[i].enum_type () != enum_type)
        continue;
      names = g_strsplit (value_names[i].names, "|", -1);
      for (guint n = 0; names[n] != NULL; n++)
        {
          g_autofree char *name_key = sdb_vn_search_key (names[n]);

          if (g_strcmp0 (key, name_key) == 0)
            {
              *value = value_names[i].value;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* Problems ----------------------------------------------------------------------------------- */

void
sdb_interchange_add_problem (SdbInterchangeImport *import,
                             guint                 line,
                             const char           *column,
                             SdbSeverity           severity,
                             const char           *message)
{
  SdbImportProblem *problem;

  /* The same rule can be found by two writes of one row (a member and their admission). */
  for (guint i = import->problems->len; i > 0; i--)
    {
      const SdbImportProblem *earlier = g_ptr_array_index (import->problems, i - 1);

      if (earlier->line != line)
        break;
      if (g_strcmp0 (earlier->column, column) == 0 && g_strcmp0 (earlier->message, message) == 0)
        return;
    }
  problem = g_new0 (SdbImportProblem, 1);
  problem->line = line;
  problem->column = g_strdup (column);
  problem->severity = severity;
  problem->message = g_strdup (message);
  g_ptr_array_add (import->problems, problem);
  if (severity == SDB_SEVERITY_ERROR)
    import->n_errors++;
}

void
sdb_interchange_add_record_problems (SdbInterchangeImport *import,
                                     guint                 line,
                                     GPtrArray            *found)
{
  for (guint i = 0; i < found->len; i++)
    {
      const SdbProblem *problem = g_ptr_array_index (found, i);
      const char *column = NULL;

      for (guint c = 0; c < import->info->n_columns && column == NULL; c++)
        if (g_strcmp0 (problem->field, import->info->columns[c].property) == 0)
          column = import->info->columns[c].key;
      sdb_interchange_add_problem (import, line, column, problem->severity, problem->message);
    }
}

gboolean
sdb_interchange_refused (SdbInterchangeImport *import,
                         guint                 line,
                         GPtrArray            *found,
                         GError               *write_error,
                         GError              **error)
{
  guint errors_before = import->n_errors;

  sdb_interchange_add_record_problems (import, line, found);
  g_ptr_array_set_size (found, 0);
  if (g_error_matches (write_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID))
    {
      /* Validation said why; should it not have, say what the core said. */
      if (import->n_errors == errors_before)
        sdb_interchange_add_problem (import, line, NULL, SDB_SEVERITY_ERROR,
                                     write_error->message);
      return TRUE;
    }
  if (write_error != NULL)
    g_propagate_error (error, g_error_copy (write_error));
  return FALSE;
}

/* Cells -------------------------------------------------------------------------------------- */

static gboolean
cell_is_empty (const SdbInterchangeRow *row,
               int                      column)
{
  return row->values[column] == NULL || *row->values[column] == '\0';
}

gboolean
sdb_interchange_date_cell (SdbInterchangeImport    *import,
                           const SdbInterchangeRow *row,
                           int                      column,
                           SdbDate                 *date)
{
  g_autoptr(GError) error = NULL;

  *date = (SdbDate) { 0, 0, 0 };
  if (cell_is_empty (row, column)
      || sdb_vn_parse_date (row->values[column], SDB_VN_DATE_EXCEL_SERIAL, date, &error))
    return TRUE;
  sdb_interchange_add_problem (import, row->line, import->info->columns[column].key,
                               SDB_SEVERITY_ERROR, error->message);
  return FALSE;
}

gboolean
sdb_interchange_int_cell (SdbInterchangeImport    *import,
                          const SdbInterchangeRow *row,
                          int                      column,
                          gint64                   min,
                          gint64                   max,
                          gint64                  *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  *value = 0;
  if (cell_is_empty (row, column))
    return TRUE;
  if (sdb_vn_parse_int (row->values[column], value, &error) && *value >= min && *value <= max)
    return TRUE;
  {
    g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
    g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

    message = g_strdup_printf (_("“%s” is not a whole number from %s to %s."),
                               row->values[column], low, high);
  }
  sdb_interchange_add_problem (import, row->line, import->info->columns[column].key,
                               SDB_SEVERITY_ERROR, message);
  return FALSE;
}

gboolean
sdb_interchange_enum_cell (SdbInterchangeImport    *import,
                           const SdbInterchangeRow *row,
                           int                      column,
                           int                     *value)
{
  const SdbInterchangeColumn *info = &import->info->columns[column];
  GType enum_type = info->enum_type ();
  g_autoptr(GEnumClass) klass = NULL;
  g_autoptr(GString) names = NULL;
  g_autofree char *message = NULL;

  *value = -1;
  if (cell_is_empty (row, column)
      || sdb_interchange_parse_value (enum_type, row->values[column], value))
    return TRUE;
  klass = g_type_class_ref (enum_type);
  names = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (names, "%s%s (%s)", i > 0 ? ", " : "",
                            klass->values[i].value_nick,
                            sdb_interchange_value_label (enum_type, klass->values[i].value));
  message = g_strdup_printf (_("“%s” is not one of the values of this column: %s."),
                             row->values[column], names->str);
  sdb_interchange_add_problem (import, row->line, info->key, SDB_SEVERITY_ERROR, message);
  return FALSE;
}

typedef gpointer (*LookupByCode) (SdbDatabase *db, const char *code, GError **error);

/* Looks the code up; @not_found is told the code when it is unknown. */
static gboolean
code_cell (SdbInterchangeImport    *import,
           const SdbInterchangeRow *row,
           int                      column,
           char                     prefix,
           LookupByCode             lookup,
           char                  *(*not_found) (const char *code),
           gint64                  *id,
           GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GObject) record = NULL;
  g_autofree char *message = NULL;
  g_autofree char *key = NULL;
  gpointer cached;

  *id = 0;
  if (cell_is_empty (row, column))
    return TRUE;
  /* "o:CODE": without printf, since every row looks its cells up here. */
  key = g_strconcat ("?:", row->values[column], NULL);
  key[0] = prefix;
  if (g_hash_table_lookup_extended (import->ids, key, NULL, &cached))
    {
      *id = *(gint64 *) cached;
      return TRUE;
    }
  record = lookup (import->db, row->values[column], &local_error);
  if (record != NULL)
    {
      g_object_get (record, "id", id, NULL);
      g_hash_table_insert (import->ids, g_steal_pointer (&key), g_memdup2 (id, sizeof *id));
      return TRUE;
    }
  if (!g_error_matches (local_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  message = not_found (row->values[column]);
  sdb_interchange_add_problem (import, row->line, import->info->columns[column].key,
                               SDB_SEVERITY_ERROR, message);
  return TRUE;
}

static char *
organization_not_found (const char *code)
{
  return g_strdup_printf (_("No party organization has the code “%s”, neither in the database "
                            "nor in an earlier row of this file."), code);
}

static char *
member_not_found (const char *code)
{
  return g_strdup_printf (_("No member has the code “%s”, neither in the database nor in an "
                            "earlier row of this file."), code);
}

gboolean
sdb_interchange_organization_cell (SdbInterchangeImport    *import,
                                   const SdbInterchangeRow *row,
                                   int                      column,
                                   gint64                  *id,
                                   GError                 **error)
{
  return code_cell (import, row, column, 'o', (LookupByCode) sdb_organization_lookup_by_code,
                    organization_not_found, id, error);
}

gboolean
sdb_interchange_member_cell (SdbInterchangeImport    *import,
                             const SdbInterchangeRow *row,
                             int                      column,
                             gint64                  *id,
                             GError                 **error)
{
  return code_cell (import, row, column, 'm', (LookupByCode) sdb_member_lookup_by_code,
                    member_not_found, id, error);
}

/* Import ------------------------------------------------------------------------------------- */

/* A row's values are in the import's chunk of cells. */
static void
row_free (SdbInterchangeRow *row)
{
  g_free (row->values);
  g_free (row);
}

/* @value trimmed and NFC-normalised, kept in @cells: a province's file has millions of cells,
 * and most are copied there as they are, without an allocation of their own. */
static char *
keep_cell (GStringChunk *cells,
           const char   *value)
{
  const char *start = value;
  const char *end = value + strlen (value);
  g_autofree char *trimmed = NULL;
  g_autofree char *normalized = NULL;

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (sdb_vn_is_stable_nfc (start, end - start))
    return g_string_chunk_insert_len (cells, start, end - start);
  trimmed = g_strndup (start, end - start);
  normalized = sdb_vn_normalize (trimmed);
  return g_string_chunk_insert (cells, normalized != NULL ? normalized : "");
}

static gboolean
is_row_number (const char *key)
{
  return g_str_equal (key, "tt") || g_str_equal (key, "stt");
}

static gboolean
header_matches (const SdbInterchangeColumn *column,
                const char                 *key)
{
  g_autofree char *key_key = sdb_vn_search_key (column->key);
  g_autofree char *label_key = sdb_vn_search_key (column->label);
  g_auto(GStrv) aliases = NULL;

  if (g_strcmp0 (key, key_key) == 0 || g_strcmp0 (key, label_key) == 0)
    return TRUE;
  if (column->aliases == NULL)
    return FALSE;
  aliases = g_strsplit (column->aliases, "|", -1);
  for (guint a = 0; aliases[a] != NULL; a++)
    {
      g_autofree char *alias_key = sdb_vn_search_key (aliases[a]);

      if (g_strcmp0 (key, alias_key) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Which column of the kind each header cell is (-1: an ignored "TT" or a problem). */
static int *
match_header (SdbInterchangeImport *import,
              GPtrArray            *header)
{
  const SdbInterchangeKindInfo *info = import->info;
  int *map = g_new0 (int, header->len);
  g_autofree gboolean *seen = g_new0 (gboolean, info->n_columns);

  for (guint h = 0; h < header->len; h++)
    {
      g_autofree char *text = g_strstrip (g_strdup (g_ptr_array_index (header, h)));
      g_autofree char *key = sdb_vn_search_key (text);
      int found = -1;

      map[h] = -1;
      if (key == NULL || *key == '\0' || is_row_number (key))
        continue;
      for (guint c = 0; c < info->n_columns && found < 0; c++)
        if (header_matches (&info->columns[c], key))
          found = (int) c;
      if (found < 0)
        {
          g_autofree char *known = NULL;
          g_autofree char *message = NULL;
          GString *keys = g_string_new (NULL);

          for (guint c = 0; c < info->n_columns; c++)
            g_string_append_printf (keys, "%s%s", c > 0 ? ", " : "", info->columns[c].key);
          known = g_string_free (keys, FALSE);
          message = g_strdup_printf (_("Unknown column “%s”. The columns of this kind are: %s "
                                       "(or their Vietnamese headers)."), text, known);
          sdb_interchange_add_problem (import, 1, text, SDB_SEVERITY_ERROR, message);
        }
      else if (seen[found])
        {
          g_autofree char *message =
            g_strdup_printf (_("The column “%s” appears twice. Keep only one."), text);

          sdb_interchange_add_problem (import, 1, info->columns[found].key, SDB_SEVERITY_ERROR,
                                       message);
        }
      else
        {
          seen[found] = TRUE;
          map[h] = found;
        }
    }
  if (!seen[info->key_columns[0]])
    {
      g_autofree char *message =
        g_strdup_printf (_("The file has no “%s” column: each row must say which record it "
                           "is."), info->columns[info->key_columns[0]].key);

      sdb_interchange_add_problem (import, 1, NULL, SDB_SEVERITY_ERROR, message);
    }
  return map;
}

/* Reads every row after the header, trimmed and NFC-normalised. */
static GPtrArray *
read_rows (SdbInterchangeImport  *import,
           GStringChunk          *cells,
           SdbCsvReader          *reader,
           GPtrArray             *header,
           const int             *map,
           GError               **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fields = NULL;
  guint line = 0;

  while (sdb_csv_reader_next (reader, &fields, &line, &local_error))
    {
      g_autoptr(GPtrArray) owned = fields;
      SdbInterchangeRow *row = g_new0 (SdbInterchangeRow, 1);
      gboolean extra = FALSE;

      row->line = line;
      row->values = g_new0 (char *, import->info->n_columns + 1);
      for (guint f = 0; f < owned->len; f++)
        {
          const char *value = g_ptr_array_index (owned, f);

          if (f >= header->len)
            extra |= *value != '\0';
          else if (map[f] >= 0)
            row->values[map[f]] = keep_cell (cells, value);
        }
      /* A column of the file that this row is too short to reach counts as empty. */
      for (guint h = owned->len; h < header->len; h++)
        if (map[h] >= 0)
          row->values[map[h]] = g_string_chunk_insert_const (cells, "");
      if (extra)
        sdb_interchange_add_problem (import, line, NULL, SDB_SEVERITY_ERROR,
                                     _("This row has more cells than the header has columns. "
                                       "Check for a separator inside a value that is not in "
                                       "quotes."));
      g_ptr_array_add (rows, row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* A problem for every row whose key is empty or repeats an earlier row's. */
static void
check_keys (SdbInterchangeImport *import,
            GPtrArray            *rows)
{
  const SdbInterchangeKindInfo *info = import->info;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const SdbInterchangeRow *row = g_ptr_array_index (rows, i);
      GString *key = g_string_new (NULL);
      gboolean empty = FALSE;

      for (guint k = 0; info->key_columns[k] >= 0; k++)
        {
          int column = info->key_columns[k];
          g_autofree char *folded = NULL;

          if (row->values[column] == NULL)
            continue;
          if (*row->values[column] == '\0' && k == 0)
            {
              g_autofree char *message =
                g_strdup_printf (_("Enter the %s: it is how a row finds its record again."),
                                 info->columns[column].key);

              sdb_interchange_add_problem (import, row->line, info->columns[column].key,
                                           SDB_SEVERITY_ERROR, message);
              empty = TRUE;
            }
          folded = g_utf8_casefold (row->values[column], -1);
          g_string_append_printf (key, "%s\x1f", folded);
        }
      if (!empty && !g_hash_table_add (keys, g_string_free (g_steal_pointer (&key), FALSE)))
        sdb_interchange_add_problem (import, row->line,
                                     info->columns[info->key_columns[0]].key,
                                     SDB_SEVERITY_ERROR,
                                     _("An earlier row is about the same record. Each record "
                                       "appears once in a file."));
      if (key != NULL)
        g_string_free (key, TRUE);
    }
}

/* For an import larger than the table it fills, the SQL of the kind's bulk indexes, which it
 * drops; %NULL with nothing dropped when the import is smaller, or on a failure (@error set). */
static GPtrArray *
set_indexes_aside (SdbInterchangeImport  *import,
                   guint                  n_rows,
                   GError               **error)
{
  const SdbInterchangeKindInfo *info = import->info;
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count_sql = NULL;
  gint64 n_stored;

  import->n_stored = -1;
  if (info->bulk_indexes == NULL)
    return g_steal_pointer (&created);
  count_sql = g_strdup_printf ("SELECT count(*) FROM %s", info->bulk_table);
  {
    g_autoptr(SdbStmt) count = sdb_database_prepare (import->db, count_sql, error);

    if (count == NULL || sdb_database_step (import->db, count, error) != SQLITE_ROW)
      return NULL;
    n_stored = sdb_stmt_get_int (count, 0);
  }
  import->n_stored = n_stored;
  if ((gint64) n_rows <= n_stored)
    return g_steal_pointer (&created);

  for (guint i = 0; info->bulk_indexes[i] != NULL; i++)
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (import->db,
                              "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                              error);
      g_autofree char *drop = NULL;
      char *sql;
      int rc;

      if (stmt == NULL)
        return NULL;
      sdb_stmt_bind_text (stmt, 1, info->bulk_indexes[i]);
      rc = sdb_database_step (import->db, stmt, error);
      if (rc == 0)
        return NULL;
      /* An index a later schema no longer has is not made again. */
      if (rc == SQLITE_DONE)
        continue;
      sql = sdb_stmt_dup_text (stmt, 0);
      g_ptr_array_add (created, sql);
      sdb_stmt_release (g_steal_pointer (&stmt));
      drop = g_strdup_printf ("DROP INDEX %s", info->bulk_indexes[i]);
      if (!sdb_database_exec (import->db, drop, error))
        return NULL;
    }
  return g_steal_pointer (&created);
}

static gboolean
make_indexes_again (SdbInterchangeImport  *import,
                    GPtrArray             *created,
                    GError               **error)
{
  for (guint i = 0; i < created->len; i++)
    if (!sdb_database_exec (import->db, g_ptr_array_index (created, i), error))
      return FALSE;
  return TRUE;
}

/* An import tells how far it has come every so many rows, and once all are written. */
#define PROGRESS_ROWS 1000

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const SdbImportProblem *pa = *(SdbImportProblem **) a;
  const SdbImportProblem *pb = *(SdbImportProblem **) b;

  return pa->line < pb->line ? -1 : pa->line > pb->line;
}

/**
 * sdb_import_csv:
 *
 * See the header. Importing the same file twice changes nothing the second time.
 */
gboolean
sdb_import_csv (SdbDatabase         *db,
                SdbInterchangeKind   kind,
                GBytes              *data,
                const SdbDate       *today,
                GPtrArray           *problems,
                SdbImportCounts     *counts,
                GError             **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  SdbInterchangeImport import = { db, NULL, today, problems, 0, ids, -1 };
  g_autoptr(GStringChunk) cells = g_string_chunk_new (256 * 1024);
  g_autoptr(SdbCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  g_autofree int *map = NULL;
  SdbImportCounts local_counts = { 0 };
  guint line = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), FALSE);
  g_return_val_if_fail (today != NULL && sdb_date_is_valid (today), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  import.info = kinds[kind];
  reader = sdb_csv_reader_new (data, error);
  if (reader == NULL)
    return FALSE;
  if (!sdb_csv_reader_next (reader, &header, &line, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, SDB_CSV_ERROR, SDB_CSV_ERROR_EMPTY,
                             _("The file has no header row."));
      return FALSE;
    }
  map = match_header (&import, header);
  rows = read_rows (&import, cells, reader, header, map, error);
  if (rows == NULL)
    return FALSE;
  check_keys (&import, rows);

  if (import.n_errors == 0)
    {
      ordered = import.info->order != NULL ? import.info->order (&import, rows)
                                           : g_ptr_array_ref (rows);
      /* The state before the import is kept in the backups folder. */
      if (!sdb_database_auto_backup (db, SDB_BACKUP_REASON_IMPORT, NULL, error)
          || !sdb_database_begin (db, error))
        return FALSE;
      indexes = set_indexes_aside (&import, ordered->len, error);
      if (indexes == NULL)
        {
          sdb_database_rollback (db);
          return FALSE;
        }
      sdb_database_set_deferring (db, TRUE);
      if (import.info->holds_cells)
        sdb_member_hold_cells (db, TRUE);
      sdb_history_begin_import (db, import.info->name);
      for (guint i = 0; ok && i < ordered->len; i++)
        {
          ok = import.info->import_row (&import, g_ptr_array_index (ordered, i), &local_counts,
                                        error);
          if ((i + 1) % PROGRESS_ROWS == 0 && i + 1 < ordered->len)
            sdb_database_report_progress (db, i + 1, ordered->len);
        }
      if (ok)
        sdb_database_report_progress (db, ordered->len, ordered->len);
      if (import.info->holds_cells)
        sdb_member_hold_cells (db, FALSE);
      sdb_database_set_deferring (db, FALSE);
      if (ok && import.n_errors == 0)
        ok = make_indexes_again (&import, indexes, error);
      if (ok && import.n_errors == 0 && import.info->finish != NULL)
        ok = import.info->finish (&import, rows, error);
      /* One entry for the import itself, unless it changed nothing. */
      if (ok && import.n_errors == 0)
        ok = sdb_history_end_import (db, error);
      if (ok && import.n_errors == 0)
        ok = sdb_database_commit (db, error);
      else
        sdb_database_rollback (db);
      if (!ok)
        return FALSE;
    }

  /* The source named for this import is not carried over to the next one. */
  sdb_history_set_import_source (db, NULL);
  g_ptr_array_sort (problems, compare_problems);
  if (import.n_errors > 0)
    {
      g_autofree char *count = sdb_vn_format_int (import.n_errors);

      /* TRANSLATORS: %s is how many, formatted ("1.204"). */
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The file has %s problem: nothing was imported.",
                                "The file has %s problems: nothing was imported.",
                                import.n_errors), count);
      return FALSE;
    }
  local_counts.unchanged = rows->len - local_counts.inserted - local_counts.updated;
  if (counts != NULL)
    *counts = local_counts;
  return TRUE;
}

/* Export ------------------------------------------------------------------------------------- */

GPtrArray *
sdb_interchange_rows_from_statement (SdbDatabase  *db,
                                     SdbStmt      *stmt,
                                     guint         n_columns,
                                     GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int rc;

  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        row[c] = sdb_stmt_dup_text (stmt, (int) c);
      g_ptr_array_add (rows, row);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * sdb_export_csv:
 * @year: for the kinds kept by year, only that year; 0 for all
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set.
 */
GBytes *
sdb_export_csv (SdbDatabase         *db,
                SdbInterchangeKind   kind,
                int                  year,
                GError             **error)
{
  const SdbInterchangeKindInfo *info;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree const char **fields = NULL;
  GString *out;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);

  info = kinds[kind];
  rows = info->export_rows (db, year, error);
  if (rows == NULL)
    return NULL;

  out = g_string_new (NULL);
  fields = g_new0 (const char *, info->n_columns);
  sdb_csv_append_bom (out);
  for (guint c = 0; c < info->n_columns; c++)
    fields[c] = info->columns[c].key;
  sdb_csv_append_record (out, fields, info->n_columns);
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < info->n_columns; c++)
        {
          SdbDate date;

          if (info->columns[c].type == SDB_XLSX_DATE && sdb_date_from_iso (row[c], &date))
            g_ptr_array_add (texts, sdb_vn_format_date (&date));
          else
            g_ptr_array_add (texts, g_strdup (row[c]));
          fields[c] = g_ptr_array_index (texts, c);
        }
      sdb_csv_append_record (out, fields, info->n_columns);
    }
  return g_string_free_to_bytes (out);
}

/**
 * sdb_export_xlsx:
 * @year: as for sdb_export_csv ()
 *
 * Writes the records of @kind into a new sheet at @path (replacing a file there).
 */
gboolean
sdb_export_xlsx (SdbDatabase         *db,
                 SdbInterchangeKind   kind,
                 int                  year,
                 const char          *path,
                 GError             **error)
{
  const SdbInterchangeKindInfo *info;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree SdbXlsxColumn *columns = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), FALSE);

  info = kinds[kind];
  rows = info->export_rows (db, year, error);
  if (rows == NULL)
    return FALSE;

  columns = g_new0 (SdbXlsxColumn, info->n_columns);
  for (guint c = 0; c < info->n_columns; c++)
    {
      columns[c].header = info->columns[c].label;
      columns[c].type = info->columns[c].type;
      /* A list of records has nothing that adds up (years, scores, badge steps, targets of
       * different spans): the totals are in the year's table, `stats -o FILE.xlsx`. */
      columns[c].total = FALSE;
    }
  /* Codes of closed lists read as their Vietnamese names in a sheet for people. */
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < info->n_columns; c++)
        {
          int value;

          if (info->columns[c].enum_type != NULL
              && sdb_enum_from_code (info->columns[c].enum_type (), row[c], &value))
            {
              g_free (row[c]);
              row[c] = g_strdup (sdb_interchange_value_label (info->columns[c].enum_type (),
                                                              value));
            }
        }
    }
  return sdb_xlsx_write_table (path, info->sheet, info->sheet, columns, info->n_columns, rows,
                               error);
}
