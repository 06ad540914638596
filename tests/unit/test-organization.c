/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sdb-database-private.h"
#include "sdb-organization.h"
#include "sdb-profile.h"
#include "sdb-rating.h"
#include "sdb-test.h"

#define CBCS SDB_ORGANIZATION_KIND_CHI_BO_CO_SO
#define DBCS SDB_ORGANIZATION_KIND_DANG_BO_CO_SO
#define DBBP SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN
#define CBTT SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC
#define DBCT SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO

/* Helpers ------------------------------------------------------------------------------------ */

static void
add_profile (SdbTestFixture *f,
             const char     *since,
             SdbLevel        level)
{
  g_autoptr(SdbProfile) profile = sdb_profile_new ();
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date (since);

  sdb_profile_set_since (profile, &date);
  sdb_profile_set_name (profile, "Đảng bộ xã Minh Tân");
  sdb_profile_set_committee_name (profile, "Đảng ủy xã Minh Tân");
  sdb_profile_set_level (profile, level);
  sdb_profile_insert (f->db, profile, NULL, &error);
  g_assert_no_error (error);
}

static SdbOrganization *
make_org (const char          *code,
          const char          *name,
          SdbOrganizationKind  kind,
          gint64               parent_id)
{
  SdbOrganization *org = sdb_organization_new ();

  sdb_organization_set_code (org, code);
  sdb_organization_set_name (org, name);
  sdb_organization_set_kind (org, kind);
  sdb_organization_set_parent_id (org, parent_id);
  return org;
}

static SdbOrganization *
insert_org (SdbTestFixture      *f,
            const char          *code,
            const char          *name,
            SdbOrganizationKind  kind,
            gint64               parent_id)
{
  g_autoptr(GError) error = NULL;
  SdbOrganization *org = make_org (code, name, kind, parent_id);

  sdb_organization_insert (f->db, org, f->problems, &error);
  sdb_test_log_problems (f->problems);
  g_assert_no_error (error);
  g_ptr_array_set_size (f->problems, 0);
  return org;
}

static gint64
insert_org_id (SdbTestFixture      *f,
               const char          *code,
               const char          *name,
               SdbOrganizationKind  kind,
               gint64               parent_id)
{
  g_autoptr(SdbOrganization) org = insert_org (f, code, name, kind, parent_id);

  return sdb_organization_get_id (org);
}

/* Saves @org, expecting it refused with an error about @field. */
static void
assert_insert_refused (SdbTestFixture  *f,
                       SdbOrganization *org,
                       const char      *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_organization_insert (f->db, org, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, field, SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_organization_get_id (org), ==, 0);
}

static void
assert_update_refused (SdbTestFixture  *f,
                       SdbOrganization *org,
                       const char      *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_organization_update (f->db, org, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, field, SDB_SEVERITY_ERROR);
}

static SdbOrganizationEvent *
make_event (gint64                    organization_id,
            const char               *date,
            SdbOrganizationEventKind  kind)
{
  SdbOrganizationEvent *event = sdb_organization_event_new ();

  sdb_organization_event_set_organization_id (event, organization_id);
  if (date != NULL)
    {
      SdbDate d = sdb_test_date (date);

      sdb_organization_event_set_date (event, &d);
    }
  sdb_organization_event_set_kind (event, kind);
  return event;
}

static gint64
add_event (SdbTestFixture       *f,
           SdbOrganizationEvent *event)
{
  g_autoptr(GError) error = NULL;

  sdb_organization_add_event (f->db, event, f->problems, &error);
  sdb_test_log_problems (f->problems);
  g_assert_no_error (error);
  g_ptr_array_set_size (f->problems, 0);
  g_assert_cmpint (sdb_organization_event_get_id (event), >, 0);
  return sdb_organization_event_get_id (event);
}

static gint64
rename_on (SdbTestFixture *f,
           gint64          id,
           const char     *date,
           const char     *name)
{
  g_autoptr(SdbOrganizationEvent) event = make_event (id, date,
                                                      SDB_ORGANIZATION_EVENT_KIND_RENAME);

  sdb_organization_event_set_name (event, name);
  return add_event (f, event);
}

static gint64
move_on (SdbTestFixture *f,
         gint64          id,
         const char     *date,
         gint64          parent_id)
{
  g_autoptr(SdbOrganizationEvent) event = make_event (id, date, SDB_ORGANIZATION_EVENT_KIND_MOVE);

  sdb_organization_event_set_parent_id (event, parent_id);
  return add_event (f, event);
}

static void
assert_event_refused (SdbTestFixture       *f,
                      SdbOrganizationEvent *event,
                      const char           *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_organization_add_event (f->db, event, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, field, SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_organization_event_get_id (event), ==, 0);
}

static char *
name_on (SdbTestFixture *f,
         gint64          id,
         const char     *date)
{
  g_autoptr(GError) error = NULL;
  SdbDate d = { 0, 0, 0 };
  char *name = NULL;

  if (date != NULL)
    d = sdb_test_date (date);
  sdb_organization_get_state_at (f->db, id, date != NULL ? &d : NULL, &name, NULL, NULL, &error);
  g_assert_no_error (error);
  return name;
}

static gint64
parent_on (SdbTestFixture *f,
           gint64          id,
           const char     *date)
{
  g_autoptr(GError) error = NULL;
  SdbDate d = sdb_test_date (date);
  gint64 parent_id = -1;

  sdb_organization_get_state_at (f->db, id, &d, NULL, &parent_id, NULL, &error);
  g_assert_no_error (error);
  return parent_id;
}

static void
exec_sql (SdbTestFixture *f,
          const char     *sql)
{
  char *message = NULL;

  if (sqlite3_exec (sdb_database_get_handle (f->db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static GListModel *
list_with (SdbTestFixture              *f,
           const SdbOrganizationFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = sdb_organization_list (f->db, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

/* The names in @list joined by "|", to compare a whole order at once. */
static char *
names_of (GListModel *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SdbOrganization) org = g_list_model_get_item (list, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, sdb_organization_get_name (org));
    }
  return g_string_free (out, FALSE);
}

static char *
list_names (SdbTestFixture              *f,
            const SdbOrganizationFilter *filter)
{
  g_autoptr(GListModel) list = list_with (f, filter);

  return names_of (list);
}

/* Sectors ------------------------------------------------------------------------------------ */

static gint64
insert_sector (SdbTestFixture *f,
               const char     *name,
               int             position)
{
  g_autoptr(SdbSector) sector = sdb_sector_new ();
  g_autoptr(GError) error = NULL;

  sdb_sector_set_name (sector, name);
  sdb_sector_set_position (sector, position);
  sdb_sector_insert (f->db, sector, f->problems, &error);
  g_assert_no_error (error);
  return sdb_sector_get_id (sector);
}

static void
test_sector_insert_reads_back (SdbTestFixture *f,
                               gconstpointer   data)
{
  gint64 id = insert_sector (f, " Giáo dục ", 4);
  g_autoptr(SdbSector) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (id, >, 0);
  read = sdb_sector_lookup (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_sector_get_name (read), ==, "Giáo dục");
  g_assert_cmpint (sdb_sector_get_position (read), ==, 4);
}

static void
test_sector_update_changes_name (SdbTestFixture *f,
                                 gconstpointer   data)
{
  gint64 id = insert_sector (f, "Giáo dục", 1);
  g_autoptr(SdbSector) sector = NULL;
  g_autoptr(SdbSector) read = NULL;
  g_autoptr(GError) error = NULL;

  sector = sdb_sector_lookup (f->db, id, &error);
  g_assert_no_error (error);
  sdb_sector_set_name (sector, "Giáo dục và đào tạo");
  sdb_sector_update (f->db, sector, f->problems, &error);
  g_assert_no_error (error);
  read = sdb_sector_lookup (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_sector_get_name (read), ==, "Giáo dục và đào tạo");
}

static void
test_sector_name_required (SdbTestFixture *f,
                           gconstpointer   data)
{
  g_autoptr(SdbSector) sector = sdb_sector_new ();
  g_autoptr(GError) error = NULL;

  sdb_sector_set_name (sector, "   ");
  g_assert_false (sdb_sector_insert (f->db, sector, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "name", SDB_SEVERITY_ERROR);
}

static void
test_sector_name_unique (SdbTestFixture *f,
                         gconstpointer   data)
{
  gint64 id = insert_sector (f, "Y tế", 1);
  g_autoptr(SdbSector) sector = sdb_sector_new ();
  g_autoptr(SdbSector) same = NULL;
  g_autoptr(GError) error = NULL;

  sdb_sector_set_name (sector, "Y tế");
  g_assert_false (sdb_sector_insert (f->db, sector, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "name", SDB_SEVERITY_ERROR);
  g_clear_error (&error);

  /* Saving a sector under its own name is not a duplicate. */
  same = sdb_sector_lookup (f->db, id, &error);
  g_assert_no_error (error);
  sdb_sector_set_position (same, 7);
  g_assert_true (sdb_sector_update (f->db, same, NULL, &error));
  g_assert_no_error (error);
}

static void
test_sector_list_by_position_then_name (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "Y tế", "Đoàn thể", "Ân", "Bình" };

  insert_sector (f, "Bình", 2);
  insert_sector (f, "Đoàn thể", 1);
  insert_sector (f, "Ân", 2);
  insert_sector (f, "Y tế", 0);
  list = sdb_sector_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(SdbSector) sector = g_list_model_get_item (list, i);

      g_assert_cmpstr (sdb_sector_get_name (sector), ==, expected[i]);
    }
}

static void
test_sector_delete_removes (SdbTestFixture *f,
                            gconstpointer   data)
{
  gint64 id = insert_sector (f, "Quân sự", 1);
  g_autoptr(SdbSector) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_sector_delete (f->db, id, &error));
  g_assert_no_error (error);
  read = sdb_sector_lookup (f->db, id, &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sdb_sector_delete (f->db, id, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_sector_delete_used_in_use (SdbTestFixture *f,
                                gconstpointer   data)
{
  gint64 id = insert_sector (f, "Công an", 1);
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ Công an xã", CBCS, 0);
  g_autoptr(GError) error = NULL;

  sdb_organization_set_sector_id (org, id);
  sdb_organization_insert (f->db, org, f->problems, &error);
  g_assert_no_error (error);
  g_assert_false (sdb_sector_delete (f->db, id, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM sector"), ==, 1);
}

static void
test_sector_defaults_inserted_once (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(SdbSector) first = NULL;
  g_autoptr(SdbSector) last = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_sector_insert_defaults (f->db, &error));
  g_assert_no_error (error);
  g_assert_true (sdb_sector_insert_defaults (f->db, &error));
  g_assert_no_error (error);
  list = sdb_sector_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 9);
  first = g_list_model_get_item (list, 0);
  last = g_list_model_get_item (list, 8);
  g_assert_cmpstr (sdb_sector_get_name (first), ==, "Xã, thị trấn");
  g_assert_cmpstr (sdb_sector_get_name (last), ==, "Công an");
}

static void
test_sector_defaults_skip_existing (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  insert_sector (f, "Y tế", 0);
  insert_sector (f, "Tôn giáo", 0);
  g_assert_true (sdb_sector_insert_defaults (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM sector"), ==, 10);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM sector WHERE name = 'Y tế'"),
                   ==, 1);
}

/* Organizations: storage --------------------------------------------------------------------- */

static void
test_insert_reads_back (SdbTestFixture *f,
                        gconstpointer   data)
{
  gint64 sector = insert_sector (f, "Giáo dục", 1);
  gint64 parent;
  g_autoptr(SdbOrganization) org = NULL;
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate founded = sdb_test_date ("1975-03");

  add_profile (f, "2020", SDB_LEVEL_COMMUNE);
  parent = insert_org_id (f, "DB01", "Đảng bộ Trường THPT Minh Tân", DBCS, 0);
  org = make_org (" CB01 ", "Chi bộ Tổ Toán", CBTT, parent);
  sdb_organization_set_sector_id (org, sector);
  sdb_organization_set_founded (org, &founded);
  sdb_organization_set_notes (org, "Ghi chú");
  g_assert_true (sdb_organization_insert (f->db, org, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_organization_get_id (org), >, 0);

  read = sdb_organization_lookup (f->db, sdb_organization_get_id (org), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_organization_get_code (read), ==, "CB01");
  g_assert_cmpstr (sdb_organization_get_name (read), ==, "Chi bộ Tổ Toán");
  g_assert_cmpint (sdb_organization_get_kind (read), ==, CBTT);
  g_assert_cmpint (sdb_organization_get_parent_id (read), ==, parent);
  g_assert_cmpint (sdb_organization_get_sector_id (read), ==, sector);
  g_assert_cmpint (sdb_organization_get_founded (read)->year, ==, 1975);
  g_assert_cmpint (sdb_organization_get_founded (read)->month, ==, 3);
  g_assert_cmpint (sdb_organization_get_founded (read)->day, ==, 0);
  g_assert_null (sdb_organization_get_dissolved (read));
  g_assert_cmpstr (sdb_organization_get_notes (read), ==, "Ghi chú");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"
                                              " WHERE search_key = 'chi bo to toan'"), ==, 1);
}

static void
test_copy_keeps_fields (SdbTestFixture *f,
                        gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = NULL;
  g_autoptr(SdbOrganization) copy = NULL;
  SdbDate founded = sdb_test_date ("2001-05-19");

  org = insert_org (f, "CB01", "Chi bộ thôn Bản Lầu", CBCS, 0);
  sdb_organization_set_founded (org, &founded);
  copy = sdb_organization_copy (org);
  g_assert_cmpint (sdb_organization_get_id (copy), ==, sdb_organization_get_id (org));
  g_assert_cmpstr (sdb_organization_get_code (copy), ==, "CB01");
  g_assert_cmpstr (sdb_organization_get_name (copy), ==, "Chi bộ thôn Bản Lầu");
  g_assert_cmpint (sdb_organization_get_founded (copy)->day, ==, 19);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(int *) user_data)++;
}

static void
test_notifies_only_on_change (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = sdb_organization_new ();
  SdbDate date = sdb_test_date ("2020");
  int names = 0, dates = 0;

  g_signal_connect (org, "notify::name", G_CALLBACK (count_notify), &names);
  g_signal_connect (org, "notify::founded", G_CALLBACK (count_notify), &dates);
  sdb_organization_set_name (org, "Chi bộ A");
  sdb_organization_set_name (org, " Chi bộ A ");
  sdb_organization_set_founded (org, &date);
  sdb_organization_set_founded (org, &date);
  g_object_set (org, "founded", NULL, NULL);
  g_assert_cmpint (names, ==, 1);
  g_assert_cmpint (dates, ==, 2);
}

static void
test_update_changes_stored_values (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = insert_org (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate dissolved = sdb_test_date ("2024-12-31");

  sdb_organization_set_name (org, "Chi bộ Bình Minh");
  sdb_organization_set_kind (org, DBCS);
  sdb_organization_set_dissolved (org, &dissolved);
  g_assert_true (sdb_organization_update (f->db, org, f->problems, &error));
  g_assert_no_error (error);
  read = sdb_organization_lookup (f->db, sdb_organization_get_id (org), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_organization_get_name (read), ==, "Chi bộ Bình Minh");
  g_assert_cmpint (sdb_organization_get_kind (read), ==, DBCS);
  g_assert_cmpint (sdb_organization_get_dissolved (read)->day, ==, 31);
  /* The search key follows the name. */
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"
                                              " WHERE search_key = 'chi bo binh minh'"), ==, 1);
}

static void
test_update_own_code_is_fine (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = insert_org (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(GError) error = NULL;

  sdb_organization_set_notes (org, "Sửa ghi chú");
  g_assert_true (sdb_organization_update (f->db, org, f->problems, &error));
  g_assert_no_error (error);
  g_assert_null (sdb_problems_find (f->problems, "code", SDB_SEVERITY_ERROR));
}

static void
test_update_of_deleted_is_not_found (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = insert_org (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_organization_delete (f->db, sdb_organization_get_id (org), &error));
  g_assert_no_error (error);
  g_assert_false (sdb_organization_update (f->db, org, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_lookup_by_code (SdbTestFixture *f,
                     gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB07", "Chi bộ Y tế", CBCS, 0);
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(SdbOrganization) missing = NULL;
  g_autoptr(GError) error = NULL;

  read = sdb_organization_lookup_by_code (f->db, " CB07", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_organization_get_id (read), ==, id);
  missing = sdb_organization_lookup_by_code (f->db, "CB99", &error);
  g_assert_null (missing);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_lookup_missing_is_not_found (SdbTestFixture *f,
                                  gconstpointer   data)
{
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GError) error = NULL;

  read = sdb_organization_lookup (f->db, 42, &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_delete_removes_with_own_history (SdbTestFixture *f,
                                      gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(GError) error = NULL;

  rename_on (f, id, "2020-01-01", "Chi bộ B");
  g_assert_true (sdb_organization_delete (f->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_event"), ==, 0);
  g_assert_false (sdb_organization_delete (f->db, id, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
assert_delete_in_use (SdbTestFixture *f,
                      gint64          id)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_organization_delete (f->db, id, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization WHERE id = 1"),
                   ==, 1);
}

static void
test_delete_with_children_in_use (SdbTestFixture *f,
                                  gconstpointer   data)
{
  gint64 id = insert_org_id (f, "DB01", "Đảng bộ Công ty A", DBCS, 0);

  g_assert_cmpint (id, ==, 1);
  insert_org_id (f, "CB01", "Chi bộ Phân xưởng 1", CBTT, id);
  assert_delete_in_use (f, id);
}

static void
test_delete_with_members_in_use (SdbTestFixture *f,
                                 gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);

  g_assert_cmpint (id, ==, 1);
  exec_sql (f, "INSERT INTO member (code, full_name, name_key, search_key, gender,"
               " organization_id)"
               " VALUES ('DV1', 'Nguyễn Văn A', x'00', 'nguyen van a', 'male', 1)");
  assert_delete_in_use (f, id);
}

static void
test_delete_with_member_events_in_use (SdbTestFixture *f,
                                       gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  gint64 other = insert_org_id (f, "CB02", "Chi bộ B", CBCS, 0);
  g_autofree char *sql = NULL;

  g_assert_cmpint (id, ==, 1);
  sql = g_strdup_printf ("INSERT INTO member (id, code, full_name, name_key, search_key, gender,"
                         " organization_id) VALUES (1, 'DV1', 'A', x'00', 'a', 'male', %"
                         G_GINT64_FORMAT ");"
                         "INSERT INTO member_event (member_id, date, kind, organization_id)"
                         " VALUES (1, '2010-01-01', 'admitted', 1)", other);
  exec_sql (f, sql);
  assert_delete_in_use (f, id);
}

static void
test_delete_with_ratings_in_use (SdbTestFixture *f,
                                 gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);

  g_assert_cmpint (id, ==, 1);
  exec_sql (f, "INSERT INTO organization_rating (organization_id, year, grade)"
               " VALUES (1, 2024, 'good')");
  assert_delete_in_use (f, id);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"), ==, 1);
}

static void
test_delete_with_targets_in_use (SdbTestFixture *f,
                                 gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);

  g_assert_cmpint (id, ==, 1);
  exec_sql (f, "INSERT INTO admission_target (first_year, last_year, organization_id, number)"
               " VALUES (2024, 2024, 1, 3)");
  assert_delete_in_use (f, id);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM admission_target"), ==, 1);
}

static void
test_delete_with_awards_in_use (SdbTestFixture *f,
                                gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);

  g_assert_cmpint (id, ==, 1);
  exec_sql (f, "INSERT INTO award (year, organization_id, form) VALUES (2024, 1, 'Giấy khen')");
  assert_delete_in_use (f, id);
}

static void
test_delete_referred_by_history_in_use (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 id = insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  gint64 cell;

  g_assert_cmpint (id, ==, 1);
  cell = insert_org_id (f, "CB01", "Chi bộ B", CBTT, id);
  /* The cell left long ago: only its history still names the committee. */
  exec_sql (f, "UPDATE organization SET parent_id = NULL, kind = 'chi_bo_co_so'");
  exec_sql (f, "INSERT INTO organization_event (organization_id, date, kind, old_parent_id,"
               " parent_id) VALUES (2, '2015-01-01', 'move', 1, NULL)");
  g_assert_cmpint (cell, ==, 2);
  assert_delete_in_use (f, id);
}

/* Organizations: lists ----------------------------------------------------------------------- */

static void
test_list_sorted_vietnamese (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autofree char *names = NULL;

  insert_org_id (f, "1", "Chi bộ Đông", CBCS, 0);
  insert_org_id (f, "2", "Chi bộ Ăn", CBCS, 0);
  insert_org_id (f, "3", "Chi bộ Bình", CBCS, 0);
  insert_org_id (f, "4", "Chi bộ Dung", CBCS, 0);
  insert_org_id (f, "5", "Chi bộ An", CBCS, 0);
  names = list_names (f, NULL);
  g_assert_cmpstr (names, ==, "Chi bộ An|Chi bộ Ăn|Chi bộ Bình|Chi bộ Dung|Chi bộ Đông");
}

static void
test_list_search_ignores_diacritics (SdbTestFixture *f,
                                     gconstpointer   data)
{
  SdbOrganizationFilter filter;
  g_autofree char *names = NULL;

  insert_org_id (f, "1", "Chi bộ Trường Tiểu học Đồng Hòa", CBCS, 0);
  insert_org_id (f, "2", "Chi bộ Trạm Y tế", CBCS, 0);
  sdb_organization_filter_init (&filter);
  filter.search = "DONG HOA";
  names = list_names (f, &filter);
  g_assert_cmpstr (names, ==, "Chi bộ Trường Tiểu học Đồng Hòa");
}

static void
test_list_search_finds_code (SdbTestFixture *f,
                             gconstpointer   data)
{
  SdbOrganizationFilter filter;
  g_autofree char *names = NULL;

  insert_org_id (f, "CB_17", "Chi bộ A", CBCS, 0);
  insert_org_id (f, "CB217", "Chi bộ B", CBCS, 0);
  sdb_organization_filter_init (&filter);
  /* "_" is taken literally, not as LIKE's any-character. */
  filter.search = "cb_1";
  names = list_names (f, &filter);
  g_assert_cmpstr (names, ==, "Chi bộ A");
}

static void
test_list_filter_parent (SdbTestFixture *f,
                         gconstpointer   data)
{
  gint64 a = insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  gint64 b = insert_org_id (f, "DB02", "Đảng bộ B", DBCS, 0);
  SdbOrganizationFilter filter;
  g_autofree char *names = NULL;

  insert_org_id (f, "CB01", "Chi bộ A1", CBTT, a);
  insert_org_id (f, "CB02", "Chi bộ A2", CBTT, a);
  insert_org_id (f, "CB03", "Chi bộ B1", CBTT, b);
  sdb_organization_filter_init (&filter);
  filter.parent_id = a;
  names = list_names (f, &filter);
  g_assert_cmpstr (names, ==, "Chi bộ A1|Chi bộ A2");
}

static void
test_list_filter_top_level (SdbTestFixture *f,
                            gconstpointer   data)
{
  gint64 a = insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  SdbOrganizationFilter filter;
  g_autofree char *names = NULL;

  insert_org_id (f, "CB01", "Chi bộ A1", CBTT, a);
  insert_org_id (f, "CB02", "Chi bộ Z", CBCS, 0);
  sdb_organization_filter_init (&filter);
  filter.top_level_only = TRUE;
  names = list_names (f, &filter);
  g_assert_cmpstr (names, ==, "Chi bộ Z|Đảng bộ A");
}

static void
test_list_filter_kind (SdbTestFixture *f,
                       gconstpointer   data)
{
  SdbOrganizationFilter filter;
  g_autofree char *names = NULL;

  insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  insert_org_id (f, "CB02", "Chi bộ Z", CBCS, 0);
  sdb_organization_filter_init (&filter);
  filter.kind = DBCS;
  names = list_names (f, &filter);
  g_assert_cmpstr (names, ==, "Đảng bộ A");
}

static void
test_list_filter_sector (SdbTestFixture *f,
                         gconstpointer   data)
{
  gint64 sector = insert_sector (f, "Y tế", 1);
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ Trạm Y tế", CBCS, 0);
  g_autoptr(GError) error = NULL;
  SdbOrganizationFilter filter;
  g_autofree char *names = NULL;

  sdb_organization_set_sector_id (org, sector);
  sdb_organization_insert (f->db, org, NULL, &error);
  g_assert_no_error (error);
  insert_org_id (f, "CB02", "Chi bộ thôn Nà Sài", CBCS, 0);
  sdb_organization_filter_init (&filter);
  filter.sector_id = sector;
  names = list_names (f, &filter);
  g_assert_cmpstr (names, ==, "Chi bộ Trạm Y tế");
}

static void
test_list_excludes_dissolved_when_asked (SdbTestFixture *f,
                                         gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ Cũ", CBCS, 0);
  g_autoptr(GError) error = NULL;
  SdbDate dissolved = sdb_test_date ("2019-06-30");
  SdbOrganizationFilter filter;
  g_autofree char *all = NULL;
  g_autofree char *current = NULL;

  sdb_organization_set_dissolved (org, &dissolved);
  sdb_organization_insert (f->db, org, NULL, &error);
  g_assert_no_error (error);
  insert_org_id (f, "CB02", "Chi bộ Mới", CBCS, 0);
  sdb_organization_filter_init (&filter);
  all = list_names (f, &filter);
  g_assert_cmpstr (all, ==, "Chi bộ Cũ|Chi bộ Mới");
  filter.include_dissolved = FALSE;
  current = list_names (f, &filter);
  g_assert_cmpstr (current, ==, "Chi bộ Mới");
}

static void
test_list_on_date_only_existing (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autoptr(SdbOrganization) old = make_org ("CB01", "Chi bộ Cũ", CBCS, 0);
  g_autoptr(SdbOrganization) young = make_org ("CB02", "Chi bộ Mới", CBCS, 0);
  g_autoptr(GError) error = NULL;
  SdbDate d2019 = sdb_test_date ("2019-06-30");
  SdbDate d2021 = sdb_test_date ("2021-01-01");
  SdbDate end2020 = sdb_test_date ("2020-12-31");
  SdbDate end2018 = sdb_test_date ("2018-12-31");
  SdbOrganizationFilter filter;
  g_autofree char *in2020 = NULL;
  g_autofree char *in2018 = NULL;

  sdb_organization_set_dissolved (old, &d2019);
  sdb_organization_insert (f->db, old, NULL, &error);
  g_assert_no_error (error);
  sdb_organization_set_founded (young, &d2021);
  sdb_organization_insert (f->db, young, NULL, &error);
  g_assert_no_error (error);
  insert_org_id (f, "CB03", "Chi bộ Mãi", CBCS, 0);

  sdb_organization_filter_init (&filter);
  filter.on_date = &end2020;
  in2020 = list_names (f, &filter);
  g_assert_cmpstr (in2020, ==, "Chi bộ Mãi");
  filter.on_date = &end2018;
  in2018 = list_names (f, &filter);
  g_assert_cmpstr (in2018, ==, "Chi bộ Cũ|Chi bộ Mãi");
}

static void
test_list_on_date_uses_old_name (SdbTestFixture *f,
                                 gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ Ăn", CBCS, 0);
  SdbDate end2019 = sdb_test_date ("2019-12-31");
  SdbDate end2020 = sdb_test_date ("2020-12-31");
  SdbOrganizationFilter filter;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *found = NULL;
  g_autofree char *present = NULL;

  insert_org_id (f, "CB02", "Chi bộ Bình", CBCS, 0);
  rename_on (f, id, "2020-07-01", "Chi bộ Đông");

  sdb_organization_filter_init (&filter);
  filter.on_date = &end2019;
  before = list_names (f, &filter);
  /* The old name, and its place in the order. */
  g_assert_cmpstr (before, ==, "Chi bộ Ăn|Chi bộ Bình");
  filter.search = "chi bo an";
  found = list_names (f, &filter);
  g_assert_cmpstr (found, ==, "Chi bộ Ăn");
  filter.search = NULL;
  filter.on_date = &end2020;
  after = list_names (f, &filter);
  g_assert_cmpstr (after, ==, "Chi bộ Bình|Chi bộ Đông");
  present = list_names (f, NULL);
  g_assert_cmpstr (present, ==, "Chi bộ Bình|Chi bộ Đông");
}

/* Organizations: validation ------------------------------------------------------------------ */

static void
test_code_required (SdbTestFixture *f,
                    gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("  ", "Chi bộ A", CBCS, 0);

  assert_insert_refused (f, org, "code");
}

static void
test_name_required (SdbTestFixture *f,
                    gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "", CBCS, 0);

  assert_insert_refused (f, org, "name");
}

static void
test_kind_required (SdbTestFixture *f,
                    gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ A", 42, 0);

  assert_insert_refused (f, org, "kind");
}

static void
test_problems_reported_together (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("", "", CBCS, 0);

  assert_insert_refused (f, org, "code");
  sdb_test_assert_problem (f->problems, "name", SDB_SEVERITY_ERROR);
}

static void
test_impossible_dates_refused (SdbTestFixture *f,
                               gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ A", CBCS, 0);
  SdbDate founded = { 2023, 2, 29 };
  SdbDate dissolved = { 2024, 13, 1 };

  sdb_organization_set_founded (org, &founded);
  sdb_organization_set_dissolved (org, &dissolved);
  assert_insert_refused (f, org, "founded");
  sdb_test_assert_problem (f->problems, "dissolved", SDB_SEVERITY_ERROR);
}

static void
test_dissolved_before_founded_refused (SdbTestFixture *f,
                                       gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ A", CBCS, 0);
  SdbDate founded = sdb_test_date ("2010-05-01");
  SdbDate dissolved = sdb_test_date ("2010-04-30");

  sdb_organization_set_founded (org, &founded);
  sdb_organization_set_dissolved (org, &dissolved);
  assert_insert_refused (f, org, "dissolved");
}

static void
test_duplicate_code_refused (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ B", CBCS, 0);

  insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  assert_insert_refused (f, org, "code");
}

static void
test_missing_sector_refused (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ A", CBCS, 0);

  sdb_organization_set_sector_id (org, 99);
  assert_insert_refused (f, org, "sector-id");
}

static void
test_missing_parent_refused (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ A", CBTT, 99);

  assert_insert_refused (f, org, "parent-id");
}

static void
test_parent_itself_refused (SdbTestFixture *f,
                            gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = insert_org (f, "DB01", "Đảng bộ A", DBCS, 0);

  /* An unknown kind leaves the placement rules out: only this rule can object. */
  sdb_organization_set_kind (org, 42);
  sdb_organization_set_parent_id (org, sdb_organization_get_id (org));
  assert_update_refused (f, org, "parent-id");
}

/* Kinds order the tree, so a loop always breaks a placement rule as well; the loop rule is
 * shown on a tree whose kinds were damaged outside the program (a sub-committee above a
 * grassroots committee), where no placement rule objects. */
static void
test_parent_descendant_refused (SdbTestFixture *f,
                                gconstpointer   data)
{
  g_autoptr(SdbOrganization) top = insert_org (f, "DB01", "Đảng bộ bộ phận A", DBBP, 0);
  gint64 below;

  g_assert_cmpint (sdb_organization_get_id (top), ==, 1);
  exec_sql (f, "INSERT INTO organization (id, code, name, name_key, search_key, kind, parent_id)"
               " VALUES (2, 'DB02', 'Đảng bộ B', x'00', 'dang bo b', 'dang_bo_co_so', 1)");
  below = insert_org_id (f, "CB03", "Chi bộ C", CBTT, 2);
  sdb_organization_set_parent_id (top, below);
  assert_update_refused (f, top, "parent-id");
  g_ptr_array_set_size (f->problems, 0);
  sdb_organization_set_parent_id (top, 2);
  assert_update_refused (f, top, "parent-id");
}

static void
test_dissolved_parent_refused (SdbTestFixture *f,
                               gconstpointer   data)
{
  g_autoptr(SdbOrganization) parent = make_org ("DB01", "Đảng bộ A", DBCS, 0);
  g_autoptr(SdbOrganization) org = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate dissolved = sdb_test_date ("2019");

  sdb_organization_set_dissolved (parent, &dissolved);
  sdb_organization_insert (f->db, parent, NULL, &error);
  g_assert_no_error (error);
  org = make_org ("CB01", "Chi bộ B", CBTT, sdb_organization_get_id (parent));
  assert_insert_refused (f, org, "parent-id");
}

static void
test_wrong_parent_kind_for_commune_level (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(SdbOrganization) top_cell = make_org ("CB01", "Chi bộ A", CBTT, 0);
  g_autoptr(SdbOrganization) under_cell = NULL;
  g_autoptr(SdbOrganization) under_dbcs = NULL;
  gint64 cell, committee;

  add_profile (f, "2025-07-01", SDB_LEVEL_COMMUNE);
  /* A subordinate cell cannot stand directly under a commune committee. */
  assert_insert_refused (f, top_cell, "kind");
  g_ptr_array_set_size (f->problems, 0);

  /* A grassroots cell holds nothing; a grassroots committee holds no grassroots cell. */
  cell = insert_org_id (f, "CB02", "Chi bộ B", CBCS, 0);
  committee = insert_org_id (f, "DB03", "Đảng bộ C", DBCS, 0);
  under_cell = make_org ("CB04", "Chi bộ D", CBTT, cell);
  assert_insert_refused (f, under_cell, "parent-id");
  g_ptr_array_set_size (f->problems, 0);
  under_dbcs = make_org ("CB05", "Chi bộ E", CBCS, committee);
  assert_insert_refused (f, under_dbcs, "parent-id");
}

static void
test_upper_level_only_in_province (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbOrganization) upper = make_org ("DU01", "Đảng bộ xã A", DBCT, 0);
  g_autoptr(SdbOrganization) nested = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate founded = sdb_test_date ("2025-07-01");
  SdbDate early = sdb_test_date ("2021-01-01");
  gint64 commune;

  add_profile (f, "2020", SDB_LEVEL_DISTRICT);
  add_profile (f, "2025-07-01", SDB_LEVEL_PROVINCE);

  /* Under the district committee of 2021, no upper-level committee. */
  sdb_organization_set_founded (upper, &early);
  assert_insert_refused (f, upper, "kind");
  g_ptr_array_set_size (f->problems, 0);

  /* Under the province, directly; and not beneath another organization. */
  sdb_organization_set_founded (upper, &founded);
  g_assert_true (sdb_organization_insert (f->db, upper, f->problems, &error));
  g_assert_no_error (error);
  commune = sdb_organization_get_id (upper);
  insert_org_id (f, "CB01", "Chi bộ thôn 1", CBCS, commune);
  nested = make_org ("DU02", "Đảng bộ xã B", DBCT, commune);
  sdb_organization_set_founded (nested, &founded);
  assert_insert_refused (f, nested, "parent-id");
}

static void
test_grassroots_level_holds_subordinates (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(SdbOrganization) cell = make_org ("CB01", "Chi bộ A", CBCS, 0);
  gint64 sub;

  add_profile (f, "2020", SDB_LEVEL_GRASSROOTS);
  sub = insert_org_id (f, "DB01", "Đảng bộ bộ phận A", DBBP, 0);
  insert_org_id (f, "CB02", "Chi bộ trực thuộc B", CBTT, 0);
  insert_org_id (f, "CB03", "Chi bộ trực thuộc C", CBTT, sub);
  assert_insert_refused (f, cell, "kind");
}

static void
test_level_rule_skipped_without_profile (SdbTestFixture *f,
                                         gconstpointer   data)
{
  g_autoptr(SdbOrganization) cell = make_org ("CB03", "Chi bộ C", CBCS, 0);
  gint64 cell_id;

  insert_org_id (f, "CB01", "Chi bộ trực thuộc A", CBTT, 0);
  insert_org_id (f, "DU01", "Đảng bộ xã B", DBCT, 0);
  /* What holds at every level still holds. */
  cell_id = insert_org_id (f, "CB02", "Chi bộ B", CBCS, 0);
  sdb_organization_set_parent_id (cell, cell_id);
  assert_insert_refused (f, cell, "parent-id");
}

static void
test_level_taken_on_founding_date (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbOrganization) early = make_org ("CB01", "Chi bộ A", CBTT, 0);
  g_autoptr(SdbOrganization) late = make_org ("CB02", "Chi bộ B", CBTT, 0);
  g_autoptr(GError) error = NULL;
  SdbDate d2021 = sdb_test_date ("2021-03-01");
  SdbDate d2026 = sdb_test_date ("2026-03-01");

  add_profile (f, "2020", SDB_LEVEL_GRASSROOTS);
  add_profile (f, "2025-07-01", SDB_LEVEL_COMMUNE);
  sdb_organization_set_founded (early, &d2021);
  g_assert_true (sdb_organization_insert (f->db, early, f->problems, &error));
  g_assert_no_error (error);
  sdb_organization_set_founded (late, &d2026);
  assert_insert_refused (f, late, "kind");
}

static void
test_kind_change_must_fit_children (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = insert_org (f, "DB01", "Đảng bộ A", DBCS, 0);

  insert_org_id (f, "CB01", "Chi bộ A1", CBTT, sdb_organization_get_id (org));
  sdb_organization_set_kind (org, CBCS);
  assert_update_refused (f, org, "kind");
}

static void
test_founded_after_history_refused (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = insert_org (f, "CB01", "Chi bộ A", CBCS, 0);
  SdbDate founded = sdb_test_date ("2021-01-01");

  rename_on (f, sdb_organization_get_id (org), "2020-05-01", "Chi bộ B");
  sdb_organization_set_name (org, "Chi bộ B");
  sdb_organization_set_founded (org, &founded);
  assert_update_refused (f, org, "founded");
}

static void
test_dissolved_must_match_recorded_end (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) end = make_event (id, "2022-06-30",
                                                    SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);
  g_autoptr(SdbOrganization) org = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate other = sdb_test_date ("2023-01-01");

  add_event (f, end);
  org = sdb_organization_lookup (f->db, id, &error);
  g_assert_no_error (error);
  sdb_organization_set_dissolved (org, &other);
  assert_update_refused (f, org, "dissolved");
}

static void
test_kind_allowed_table (SdbTestFixture *f,
                         gconstpointer   data)
{
  /* Directly under the committee. */
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_DISTRICT, -1, DBCS));
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, -1, CBCS));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, -1, DBCT));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, -1, CBTT));
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_PROVINCE, -1, DBCT));
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_PROVINCE, -1, CBCS));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_PROVINCE, -1, DBBP));
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_GRASSROOTS, -1, DBBP));
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_GRASSROOTS, -1, CBTT));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_GRASSROOTS, -1, CBCS));
  /* Under an organization. */
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_PROVINCE, DBCT, DBCS));
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_PROVINCE, DBCT, CBCS));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, DBCT, CBCS));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_PROVINCE, DBCT, DBCT));
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, DBCS, DBBP));
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, DBCS, CBTT));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, DBCS, CBCS));
  g_assert_true (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, DBBP, CBTT));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, DBBP, DBBP));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_COMMUNE, CBCS, CBTT));
  g_assert_false (sdb_organization_kind_allowed (SDB_LEVEL_GRASSROOTS, CBTT, CBTT));
}

/* Events ------------------------------------------------------------------------------------- */

static void
test_rename_event_changes_present_name (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ thôn A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = make_event (id, "2020-07-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_RENAME);
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *on_day = NULL;

  sdb_organization_event_set_name (event, "Chi bộ bản A");
  add_event (f, event);
  g_assert_cmpstr (sdb_organization_event_get_old_name (event), ==, "Chi bộ thôn A");
  read = sdb_organization_lookup (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_organization_get_name (read), ==, "Chi bộ bản A");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"
                                              " WHERE search_key = 'chi bo ban a'"), ==, 1);
  before = name_on (f, id, "2020-06-30");
  on_day = name_on (f, id, "2020-07-01");
  g_assert_cmpstr (before, ==, "Chi bộ thôn A");
  g_assert_cmpstr (on_day, ==, "Chi bộ bản A");
}

static void
test_move_event_changes_parent_on_date (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 a = insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  gint64 b = insert_org_id (f, "DB02", "Đảng bộ B", DBCS, 0);
  gint64 cell = insert_org_id (f, "CB01", "Chi bộ C", CBTT, a);
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate end2019 = sdb_test_date ("2019-12-31");
  SdbOrganizationFilter filter;
  g_autofree char *under_a_2019 = NULL;
  g_autofree char *under_a_now = NULL;

  move_on (f, cell, "2020-03-01", b);
  g_assert_cmpint (parent_on (f, cell, "2020-02-29"), ==, a);
  g_assert_cmpint (parent_on (f, cell, "2020-03-01"), ==, b);
  read = sdb_organization_lookup (f->db, cell, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_organization_get_parent_id (read), ==, b);

  sdb_organization_filter_init (&filter);
  filter.parent_id = a;
  filter.on_date = &end2019;
  under_a_2019 = list_names (f, &filter);
  g_assert_cmpstr (under_a_2019, ==, "Chi bộ C");
  filter.on_date = NULL;
  under_a_now = list_names (f, &filter);
  g_assert_cmpstr (under_a_now, ==, "");
}

static void
test_move_event_to_committee (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = NULL;
  gint64 a = insert_org_id (f, "DU01", "Đảng bộ xã A", DBCT, 0);
  gint64 cell = insert_org_id (f, "CB01", "Chi bộ C", CBCS, a);
  g_autoptr(GError) error = NULL;
  SdbDate end2020 = sdb_test_date ("2020-12-31");
  SdbOrganizationFilter filter;
  g_autofree char *top = NULL;

  move_on (f, cell, "2020-03-01", 0);
  org = sdb_organization_lookup (f->db, cell, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_organization_get_parent_id (org), ==, 0);
  g_assert_cmpint (parent_on (f, cell, "2019-01-01"), ==, a);
  sdb_organization_filter_init (&filter);
  filter.on_date = &end2020;
  filter.top_level_only = TRUE;
  top = list_names (f, &filter);
  g_assert_cmpstr (top, ==, "Chi bộ C|Đảng bộ xã A");
}

static void
test_merge_event_sets_dissolved (SdbTestFixture *f,
                                 gconstpointer   data)
{
  gint64 a = insert_org_id (f, "CB01", "Chi bộ thôn A", CBCS, 0);
  gint64 b = insert_org_id (f, "CB02", "Chi bộ thôn B", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) merge = make_event (a, "2019-10-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_MERGE);
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SdbOrganizationEvent) stored = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exists = TRUE;
  SdbDate on_day = sdb_test_date ("2019-10-01");

  sdb_organization_event_set_target_id (merge, b);
  add_event (f, merge);
  read = sdb_organization_lookup (f->db, a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_organization_get_dissolved (read)->year, ==, 2019);
  g_assert_cmpint (sdb_organization_get_dissolved (read)->month, ==, 10);
  sdb_organization_get_state_at (f->db, a, &on_day, NULL, NULL, &exists, &error);
  g_assert_no_error (error);
  g_assert_false (exists);
  events = sdb_organization_list_events (f->db, a, &error);
  g_assert_no_error (error);
  stored = g_list_model_get_item (events, 0);
  g_assert_cmpint (sdb_organization_event_get_target_id (stored), ==, b);
}

static void
test_dissolve_event_sets_dissolved (SdbTestFixture *f,
                                    gconstpointer   data)
{
  gint64 a = insert_org_id (f, "CB01", "Chi bộ thôn A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) end = make_event (a, "2019-10-01",
                                                    SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);
  SdbDate end2018 = sdb_test_date ("2018-12-31");
  SdbDate end2019 = sdb_test_date ("2019-12-31");
  SdbOrganizationFilter filter;
  g_autofree char *in2018 = NULL;
  g_autofree char *in2019 = NULL;

  add_event (f, end);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"
                                              " WHERE dissolved = '2019-10-01'"), ==, 1);
  sdb_organization_filter_init (&filter);
  filter.on_date = &end2018;
  in2018 = list_names (f, &filter);
  g_assert_cmpstr (in2018, ==, "Chi bộ thôn A");
  filter.on_date = &end2019;
  in2019 = list_names (f, &filter);
  g_assert_cmpstr (in2019, ==, "");
}

static void
test_event_inserted_before_later_keeps_chain (SdbTestFixture *f,
                                              gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Tên 1", CBCS, 0);
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SdbOrganizationEvent) first = NULL;
  g_autoptr(SdbOrganizationEvent) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n2010 = NULL;
  g_autofree char *n2017 = NULL;
  g_autofree char *n2021 = NULL;

  rename_on (f, id, "2020-01-01", "Tên 3");
  rename_on (f, id, "2015-01-01", "Tên 2");

  read = sdb_organization_lookup (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_organization_get_name (read), ==, "Tên 3");
  events = sdb_organization_list_events (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  first = g_list_model_get_item (events, 0);
  second = g_list_model_get_item (events, 1);
  g_assert_cmpstr (sdb_organization_event_get_old_name (first), ==, "Tên 1");
  g_assert_cmpstr (sdb_organization_event_get_name (first), ==, "Tên 2");
  g_assert_cmpstr (sdb_organization_event_get_old_name (second), ==, "Tên 2");
  g_assert_cmpstr (sdb_organization_event_get_name (second), ==, "Tên 3");
  n2010 = name_on (f, id, "2010-01-01");
  n2017 = name_on (f, id, "2017-01-01");
  n2021 = name_on (f, id, "2021-01-01");
  g_assert_cmpstr (n2010, ==, "Tên 1");
  g_assert_cmpstr (n2017, ==, "Tên 2");
  g_assert_cmpstr (n2021, ==, "Tên 3");
}

static void
test_move_inserted_before_later_keeps_chain (SdbTestFixture *f,
                                             gconstpointer   data)
{
  gint64 a = insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  gint64 b = insert_org_id (f, "DB02", "Đảng bộ B", DBCS, 0);
  gint64 c = insert_org_id (f, "DB03", "Đảng bộ C", DBCS, 0);
  gint64 cell = insert_org_id (f, "CB01", "Chi bộ X", CBTT, a);
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SdbOrganizationEvent) later = NULL;
  g_autoptr(GError) error = NULL;

  move_on (f, cell, "2020-01-01", c);
  move_on (f, cell, "2015-01-01", b);
  g_assert_cmpint (parent_on (f, cell, "2010-01-01"), ==, a);
  g_assert_cmpint (parent_on (f, cell, "2017-01-01"), ==, b);
  g_assert_cmpint (parent_on (f, cell, "2021-01-01"), ==, c);
  events = sdb_organization_list_events (f->db, cell, &error);
  g_assert_no_error (error);
  later = g_list_model_get_item (events, 1);
  g_assert_cmpint (sdb_organization_event_get_old_parent_id (later), ==, b);
}

static void
test_delete_latest_event_restores_present (SdbTestFixture *f,
                                           gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Tên 1", CBCS, 0);
  gint64 event;
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GError) error = NULL;

  rename_on (f, id, "2015-01-01", "Tên 2");
  event = rename_on (f, id, "2020-01-01", "Tên 3");
  g_assert_true (sdb_organization_delete_event (f->db, event, &error));
  g_assert_no_error (error);
  read = sdb_organization_lookup (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_organization_get_name (read), ==, "Tên 2");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"
                                              " WHERE search_key = 'ten 2'"), ==, 1);
}

static void
test_delete_middle_event_restores_chain (SdbTestFixture *f,
                                         gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Tên 1", CBCS, 0);
  gint64 middle;
  g_autoptr(GError) error = NULL;
  g_autofree char *n2017 = NULL;
  g_autofree char *now = NULL;

  middle = rename_on (f, id, "2015-01-01", "Tên 2");
  rename_on (f, id, "2020-01-01", "Tên 3");
  g_assert_true (sdb_organization_delete_event (f->db, middle, &error));
  g_assert_no_error (error);
  n2017 = name_on (f, id, "2017-01-01");
  now = name_on (f, id, NULL);
  g_assert_cmpstr (n2017, ==, "Tên 1");
  g_assert_cmpstr (now, ==, "Tên 3");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_event"
                                              " WHERE old_name = 'Tên 1'"), ==, 1);
}

static void
test_delete_move_event_restores_parent (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 a = insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  gint64 b = insert_org_id (f, "DB02", "Đảng bộ B", DBCS, 0);
  gint64 cell = insert_org_id (f, "CB01", "Chi bộ X", CBTT, a);
  gint64 event = move_on (f, cell, "2020-01-01", b);
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_organization_delete_event (f->db, event, &error));
  g_assert_no_error (error);
  read = sdb_organization_lookup (f->db, cell, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_organization_get_parent_id (read), ==, a);
}

static void
test_delete_dissolve_event_restores_existence (SdbTestFixture *f,
                                               gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) end = make_event (id, "2022-06-30",
                                                    SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);
  g_autoptr(SdbOrganization) read = NULL;
  g_autoptr(GError) error = NULL;

  add_event (f, end);
  g_assert_true (sdb_organization_delete_event (f->db, sdb_organization_event_get_id (end),
                                                &error));
  g_assert_no_error (error);
  read = sdb_organization_lookup (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_null (sdb_organization_get_dissolved (read));
}

static void
test_delete_missing_event_is_not_found (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_organization_delete_event (f->db, 42, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_list_events_by_date (SdbTestFixture *f,
                          gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Tên 1", CBCS, 0);
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;

  rename_on (f, id, "2020-01-01", "Tên 3");
  rename_on (f, id, "2015-01-01", "Tên 2");
  events = sdb_organization_list_events (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SdbOrganizationEvent) event = g_list_model_get_item (events, i);

      g_assert_cmpint (sdb_organization_event_get_date (event)->year, ==, i == 0 ? 2015 : 2020);
    }
}

static void
test_state_at_before_founding_does_not_exist (SdbTestFixture *f,
                                              gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(GError) error = NULL;
  SdbDate founded = sdb_test_date ("2010-05-01");
  SdbDate before = sdb_test_date ("2010-04-30");
  gboolean exists = TRUE;

  sdb_organization_set_founded (org, &founded);
  sdb_organization_insert (f->db, org, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sdb_organization_get_state_at (f->db, sdb_organization_get_id (org), &before,
                                                NULL, NULL, &exists, &error));
  g_assert_no_error (error);
  g_assert_false (exists);
  g_assert_true (sdb_organization_get_state_at (f->db, sdb_organization_get_id (org), &founded,
                                                NULL, NULL, &exists, &error));
  g_assert_true (exists);
  g_assert_false (sdb_organization_get_state_at (f->db, 99, &founded, NULL, NULL, &exists,
                                                 &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_update_name_follows_latest_rename (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Tên 1", CBCS, 0);
  g_autoptr(SdbOrganization) org = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n2021 = NULL;
  g_autofree char *n2010 = NULL;

  rename_on (f, id, "2020-01-01", "Tên 2 sai");
  org = sdb_organization_lookup (f->db, id, &error);
  g_assert_no_error (error);
  sdb_organization_set_name (org, "Tên 2");
  g_assert_true (sdb_organization_update (f->db, org, f->problems, &error));
  g_assert_no_error (error);
  n2021 = name_on (f, id, "2021-01-01");
  n2010 = name_on (f, id, "2010-01-01");
  g_assert_cmpstr (n2021, ==, "Tên 2");
  g_assert_cmpstr (n2010, ==, "Tên 1");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_event"
                                              " WHERE name = 'Tên 2'"), ==, 1);
}

/* Events: validation ------------------------------------------------------------------------- */

static void
test_event_date_required (SdbTestFixture *f,
                          gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = make_event (id, NULL,
                                                      SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);

  assert_event_refused (f, event, "date");
}

static void
test_event_impossible_date_refused (SdbTestFixture *f,
                                    gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = make_event (id, NULL,
                                                      SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);
  SdbDate date = { 2021, 4, 31 };

  sdb_organization_event_set_date (event, &date);
  assert_event_refused (f, event, "date");
}

static void
test_event_before_founded_refused (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate founded = sdb_test_date ("2010-05-01");

  sdb_organization_set_founded (org, &founded);
  sdb_organization_insert (f->db, org, NULL, &error);
  g_assert_no_error (error);
  event = make_event (sdb_organization_get_id (org), "2010-04-30",
                      SDB_ORGANIZATION_EVENT_KIND_RENAME);
  sdb_organization_event_set_name (event, "Chi bộ B");
  assert_event_refused (f, event, "date");
}

static void
test_event_after_dissolved_refused (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = make_org ("CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate dissolved = sdb_test_date ("2010-05-01");

  sdb_organization_set_dissolved (org, &dissolved);
  sdb_organization_insert (f->db, org, NULL, &error);
  g_assert_no_error (error);
  event = make_event (sdb_organization_get_id (org), "2010-05-02",
                      SDB_ORGANIZATION_EVENT_KIND_RENAME);
  sdb_organization_event_set_name (event, "Chi bộ B");
  assert_event_refused (f, event, "date");
}

static void
test_event_missing_organization_refused (SdbTestFixture *f,
                                         gconstpointer   data)
{
  g_autoptr(SdbOrganizationEvent) event = make_event (42, "2020-01-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);

  assert_event_refused (f, event, "organization-id");
}

static void
test_rename_needs_name (SdbTestFixture *f,
                        gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = make_event (id, "2020-01-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_RENAME);

  assert_event_refused (f, event, "name");
}

static void
test_rename_to_same_name_refused (SdbTestFixture *f,
                                  gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = make_event (id, "2020-01-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_RENAME);

  sdb_organization_event_set_name (event, "Chi bộ A");
  assert_event_refused (f, event, "name");
}

static void
test_move_parent_wrong_kind_refused (SdbTestFixture *f,
                                     gconstpointer   data)
{
  gint64 cell, other_cell;
  g_autoptr(SdbOrganizationEvent) event = NULL;
  g_autoptr(SdbOrganizationEvent) to_top = NULL;
  gint64 committee;

  add_profile (f, "2020", SDB_LEVEL_COMMUNE);
  committee = insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  cell = insert_org_id (f, "CB01", "Chi bộ B", CBTT, committee);
  other_cell = insert_org_id (f, "CB02", "Chi bộ C", CBCS, 0);
  event = make_event (cell, "2021-01-01", SDB_ORGANIZATION_EVENT_KIND_MOVE);
  sdb_organization_event_set_parent_id (event, other_cell);
  assert_event_refused (f, event, "parent-id");
  g_ptr_array_set_size (f->problems, 0);
  /* A subordinate cell cannot stand directly under a commune committee either. */
  to_top = make_event (cell, "2021-01-01", SDB_ORGANIZATION_EVENT_KIND_MOVE);
  assert_event_refused (f, to_top, "parent-id");
}

static void
test_move_parent_not_existing_on_date_refused (SdbTestFixture *f,
                                               gconstpointer   data)
{
  g_autoptr(SdbOrganization) parent = make_org ("DB02", "Đảng bộ B", DBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate founded = sdb_test_date ("2022-01-01");
  gint64 a = insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  gint64 cell = insert_org_id (f, "CB01", "Chi bộ C", CBTT, a);

  sdb_organization_set_founded (parent, &founded);
  sdb_organization_insert (f->db, parent, NULL, &error);
  g_assert_no_error (error);
  event = make_event (cell, "2021-01-01", SDB_ORGANIZATION_EVENT_KIND_MOVE);
  sdb_organization_event_set_parent_id (event, sdb_organization_get_id (parent));
  assert_event_refused (f, event, "parent-id");
}

static void
test_move_into_descendant_refused (SdbTestFixture *f,
                                   gconstpointer   data)
{
  gint64 top = insert_org_id (f, "DB01", "Đảng bộ bộ phận A", DBBP, 0);
  g_autoptr(SdbOrganizationEvent) event = make_event (top, "2021-01-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_MOVE);

  /* As in parent-descendant-refused: a damaged tree, where only the loop rule objects. */
  g_assert_cmpint (top, ==, 1);
  exec_sql (f, "INSERT INTO organization (id, code, name, name_key, search_key, kind, parent_id)"
               " VALUES (2, 'DB02', 'Đảng bộ B', x'00', 'dang bo b', 'dang_bo_co_so', 1)");
  sdb_organization_event_set_parent_id (event, 2);
  assert_event_refused (f, event, "parent-id");
}

static void
test_move_to_same_parent_refused (SdbTestFixture *f,
                                  gconstpointer   data)
{
  gint64 a = insert_org_id (f, "DB01", "Đảng bộ A", DBCS, 0);
  gint64 cell = insert_org_id (f, "CB01", "Chi bộ C", CBTT, a);
  g_autoptr(SdbOrganizationEvent) event = make_event (cell, "2021-01-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_MOVE);

  sdb_organization_event_set_parent_id (event, a);
  assert_event_refused (f, event, "parent-id");
}

static void
test_merge_needs_target (SdbTestFixture *f,
                         gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = make_event (id, "2020-01-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_MERGE);

  assert_event_refused (f, event, "target-id");
}

static void
test_merge_into_itself_refused (SdbTestFixture *f,
                                gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = make_event (id, "2020-01-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_MERGE);

  sdb_organization_event_set_target_id (event, id);
  assert_event_refused (f, event, "target-id");
}

static void
test_merge_target_not_existing_on_date_refused (SdbTestFixture *f,
                                                gconstpointer   data)
{
  g_autoptr(SdbOrganization) target = make_org ("CB02", "Chi bộ B", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate dissolved = sdb_test_date ("2019-01-01");
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);

  sdb_organization_set_dissolved (target, &dissolved);
  sdb_organization_insert (f->db, target, NULL, &error);
  g_assert_no_error (error);
  event = make_event (id, "2020-01-01", SDB_ORGANIZATION_EVENT_KIND_MERGE);
  sdb_organization_event_set_target_id (event, sdb_organization_get_id (target));
  assert_event_refused (f, event, "target-id");
  g_ptr_array_set_size (f->problems, 0);
  sdb_organization_event_set_target_id (event, 99);
  assert_event_refused (f, event, "target-id");
}

static void
test_second_end_refused (SdbTestFixture *f,
                         gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) first = make_event (id, "2020-06-01",
                                                      SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);
  g_autoptr(SdbOrganizationEvent) second = make_event (id, "2020-01-01",
                                                       SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);

  add_event (f, first);
  assert_event_refused (f, second, "kind");
}

static void
test_end_before_later_changes_refused (SdbTestFixture *f,
                                       gconstpointer   data)
{
  gint64 id = insert_org_id (f, "CB01", "Chi bộ A", CBCS, 0);
  g_autoptr(SdbOrganizationEvent) end = make_event (id, "2020-01-01",
                                                    SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);

  rename_on (f, id, "2021-01-01", "Chi bộ B");
  assert_event_refused (f, end, "date");
}

/* An organization founded in 2010 with a rating for 2024. */
static SdbOrganization *
insert_rated_org (SdbTestFixture *f)
{
  g_autoptr(SdbRating) rating = NULL;
  g_autoptr(GError) error = NULL;
  SdbOrganization *org = make_org ("DB01", "Đảng bộ Trường THPT Minh Tân", DBCS, 0);
  SdbDate founded = sdb_test_date ("2010");

  add_profile (f, "2010", SDB_LEVEL_COMMUNE);
  sdb_organization_set_founded (org, &founded);
  g_assert_true (sdb_organization_insert (f->db, org, f->problems, &error));
  g_assert_no_error (error);
  rating = sdb_rating_new_for_organization (sdb_organization_get_id (org), 2024);
  sdb_rating_set_grade (rating, SDB_GRADE_GOOD);
  g_assert_true (sdb_rating_save (f->db, rating, f->problems, &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (f->problems, 0);
  return org;
}

static void
test_founding_after_a_rated_year_refused (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = insert_rated_org (f);
  SdbDate later = sdb_test_date ("2025-03-01");

  sdb_organization_set_founded (org, &later);
  assert_update_refused (f, org, "founded");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"
                                              " WHERE founded = '2010'"), ==, 1);
}

static void
test_dissolving_before_a_rated_year_refused (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = insert_rated_org (f);
  g_autoptr(SdbOrganizationEvent) event =
    make_event (sdb_organization_get_id (org), "2023-06-30", SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_organization_add_event (f->db, event, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "date", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_event"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"
                                              " WHERE dissolved IS NULL"), ==, 1);
}

static void
test_date_change_keeping_ratings_saves (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_autoptr(SdbOrganization) org = insert_rated_org (f);
  g_autoptr(SdbOrganizationEvent) event =
    make_event (sdb_organization_get_id (org), "2025-01-15", SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);
  g_autoptr(GError) error = NULL;
  SdbDate earlier = sdb_test_date ("2008");

  sdb_organization_set_founded (org, &earlier);
  g_assert_true (sdb_organization_update (f->db, org, f->problems, &error));
  g_assert_no_error (error);
  add_event (f, event);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/sector/insert-reads-back", test_sector_insert_reads_back);
  SDB_TEST_ADD ("/core/sector/update-changes-name", test_sector_update_changes_name);
  SDB_TEST_ADD ("/core/sector/name-required", test_sector_name_required);
  SDB_TEST_ADD ("/core/sector/name-unique", test_sector_name_unique);
  SDB_TEST_ADD ("/core/sector/list-by-position-then-name",
                test_sector_list_by_position_then_name);
  SDB_TEST_ADD ("/core/sector/delete-removes", test_sector_delete_removes);
  SDB_TEST_ADD ("/core/sector/delete-used-in-use", test_sector_delete_used_in_use);
  SDB_TEST_ADD ("/core/sector/defaults-inserted-once", test_sector_defaults_inserted_once);
  SDB_TEST_ADD ("/core/sector/defaults-skip-existing", test_sector_defaults_skip_existing);

  SDB_TEST_ADD ("/core/organization/insert-reads-back", test_insert_reads_back);
  SDB_TEST_ADD ("/core/organization/copy-keeps-fields", test_copy_keeps_fields);
  SDB_TEST_ADD ("/core/organization/notifies-only-on-change", test_notifies_only_on_change);
  SDB_TEST_ADD ("/core/organization/update-changes-stored-values",
                test_update_changes_stored_values);
  SDB_TEST_ADD ("/core/organization/update-own-code-is-fine", test_update_own_code_is_fine);
  SDB_TEST_ADD ("/core/organization/update-of-deleted-is-not-found",
                test_update_of_deleted_is_not_found);
  SDB_TEST_ADD ("/core/organization/lookup-by-code", test_lookup_by_code);
  SDB_TEST_ADD ("/core/organization/lookup-missing-is-not-found",
                test_lookup_missing_is_not_found);
  SDB_TEST_ADD ("/core/organization/delete-removes-with-own-history",
                test_delete_removes_with_own_history);
  SDB_TEST_ADD ("/core/organization/delete-with-children-in-use",
                test_delete_with_children_in_use);
  SDB_TEST_ADD ("/core/organization/delete-with-members-in-use",
                test_delete_with_members_in_use);
  SDB_TEST_ADD ("/core/organization/delete-with-member-events-in-use",
                test_delete_with_member_events_in_use);
  SDB_TEST_ADD ("/core/organization/delete-with-ratings-in-use",
                test_delete_with_ratings_in_use);
  SDB_TEST_ADD ("/core/organization/delete-with-targets-in-use",
                test_delete_with_targets_in_use);
  SDB_TEST_ADD ("/core/organization/delete-with-awards-in-use", test_delete_with_awards_in_use);
  SDB_TEST_ADD ("/core/organization/delete-referred-by-history-in-use",
                test_delete_referred_by_history_in_use);

  SDB_TEST_ADD ("/core/organization/list-sorted-vietnamese", test_list_sorted_vietnamese);
  SDB_TEST_ADD ("/core/organization/list-search-ignores-diacritics",
                test_list_search_ignores_diacritics);
  SDB_TEST_ADD ("/core/organization/list-search-finds-code", test_list_search_finds_code);
  SDB_TEST_ADD ("/core/organization/list-filter-parent", test_list_filter_parent);
  SDB_TEST_ADD ("/core/organization/list-filter-top-level", test_list_filter_top_level);
  SDB_TEST_ADD ("/core/organization/list-filter-kind", test_list_filter_kind);
  SDB_TEST_ADD ("/core/organization/list-filter-sector", test_list_filter_sector);
  SDB_TEST_ADD ("/core/organization/list-excludes-dissolved-when-asked",
                test_list_excludes_dissolved_when_asked);
  SDB_TEST_ADD ("/core/organization/list-on-date-only-existing",
                test_list_on_date_only_existing);
  SDB_TEST_ADD ("/core/organization/list-on-date-uses-old-name",
                test_list_on_date_uses_old_name);

  SDB_TEST_ADD ("/core/organization/code-required", test_code_required);
  SDB_TEST_ADD ("/core/organization/name-required", test_name_required);
  SDB_TEST_ADD ("/core/organization/kind-required", test_kind_required);
  SDB_TEST_ADD ("/core/organization/problems-reported-together",
                test_problems_reported_together);
  SDB_TEST_ADD ("/core/organization/impossible-dates-refused", test_impossible_dates_refused);
  SDB_TEST_ADD ("/core/organization/dissolved-before-founded-refused",
                test_dissolved_before_founded_refused);
  SDB_TEST_ADD ("/core/organization/duplicate-code-refused", test_duplicate_code_refused);
  SDB_TEST_ADD ("/core/organization/missing-sector-refused", test_missing_sector_refused);
  SDB_TEST_ADD ("/core/organization/missing-parent-refused", test_missing_parent_refused);
  SDB_TEST_ADD ("/core/organization/parent-itself-refused", test_parent_itself_refused);
  SDB_TEST_ADD ("/core/organization/parent-descendant-refused", test_parent_descendant_refused);
  SDB_TEST_ADD ("/core/organization/dissolved-parent-refused", test_dissolved_parent_refused);
  SDB_TEST_ADD ("/core/organization/wrong-parent-kind-for-commune-level",
                test_wrong_parent_kind_for_commune_level);
  SDB_TEST_ADD ("/core/organization/upper-level-only-in-province",
                test_upper_level_only_in_province);
  SDB_TEST_ADD ("/core/organization/grassroots-level-holds-subordinates",
                test_grassroots_level_holds_subordinates);
  SDB_TEST_ADD ("/core/organization/level-rule-skipped-without-profile",
                test_level_rule_skipped_without_profile);
  SDB_TEST_ADD ("/core/organization/level-taken-on-founding-date",
                test_level_taken_on_founding_date);
  SDB_TEST_ADD ("/core/organization/kind-change-must-fit-children",
                test_kind_change_must_fit_children);
  SDB_TEST_ADD ("/core/organization/founded-after-history-refused",
                test_founded_after_history_refused);
  SDB_TEST_ADD ("/core/organization/dissolved-must-match-recorded-end",
                test_dissolved_must_match_recorded_end);
  SDB_TEST_ADD ("/core/organization/kind-allowed-table", test_kind_allowed_table);

  SDB_TEST_ADD ("/core/organization/rename-event-changes-present-name",
                test_rename_event_changes_present_name);
  SDB_TEST_ADD ("/core/organization/move-event-changes-parent-on-date",
                test_move_event_changes_parent_on_date);
  SDB_TEST_ADD ("/core/organization/move-event-to-committee", test_move_event_to_committee);
  SDB_TEST_ADD ("/core/organization/merge-event-sets-dissolved",
                test_merge_event_sets_dissolved);
  SDB_TEST_ADD ("/core/organization/dissolve-event-sets-dissolved",
                test_dissolve_event_sets_dissolved);
  SDB_TEST_ADD ("/core/organization/event-inserted-before-later-keeps-chain",
                test_event_inserted_before_later_keeps_chain);
  SDB_TEST_ADD ("/core/organization/move-inserted-before-later-keeps-chain",
                test_move_inserted_before_later_keeps_chain);
  SDB_TEST_ADD ("/core/organization/delete-latest-event-restores-present",
                test_delete_latest_event_restores_present);
  SDB_TEST_ADD ("/core/organization/delete-middle-event-restores-chain",
                test_delete_middle_event_restores_chain);
  SDB_TEST_ADD ("/core/organization/delete-move-event-restores-parent",
                test_delete_move_event_restores_parent);
  SDB_TEST_ADD ("/core/organization/delete-dissolve-event-restores-existence",
                test_delete_dissolve_event_restores_existence);
  SDB_TEST_ADD ("/core/organization/delete-missing-event-is-not-found",
                test_delete_missing_event_is_not_found);
  SDB_TEST_ADD ("/core/organization/list-events-by-date", test_list_events_by_date);
  SDB_TEST_ADD ("/core/organization/state-at-before-founding-does-not-exist",
                test_state_at_before_founding_does_not_exist);
  SDB_TEST_ADD ("/core/organization/update-name-follows-latest-rename",
                test_update_name_follows_latest_rename);

  SDB_TEST_ADD ("/core/organization/event-date-required", test_event_date_required);
  SDB_TEST_ADD ("/core/organization/event-impossible-date-refused",
                test_event_impossible_date_refused);
  SDB_TEST_ADD ("/core/organization/event-before-founded-refused",
                test_event_before_founded_refused);
  SDB_TEST_ADD ("/core/organization/event-after-dissolved-refused",
                test_event_after_dissolved_refused);
  SDB_TEST_ADD ("/core/organization/event-missing-organization-refused",
                test_event_missing_organization_refused);
  SDB_TEST_ADD ("/core/organization/rename-needs-name", test_rename_needs_name);
  SDB_TEST_ADD ("/core/organization/rename-to-same-name-refused",
                test_rename_to_same_name_refused);
  SDB_TEST_ADD ("/core/organization/move-parent-wrong-kind-refused",
                test_move_parent_wrong_kind_refused);
  SDB_TEST_ADD ("/core/organization/move-parent-not-existing-on-date-refused",
                test_move_parent_not_existing_on_date_refused);
  SDB_TEST_ADD ("/core/organization/move-into-descendant-refused",
                test_move_into_descendant_refused);
  SDB_TEST_ADD ("/core/organization/move-to-same-parent-refused",
                test_move_to_same_parent_refused);
  SDB_TEST_ADD ("/core/organization/merge-needs-target", test_merge_needs_target);
  SDB_TEST_ADD ("/core/organization/merge-into-itself-refused", test_merge_into_itself_refused);
  SDB_TEST_ADD ("/core/organization/merge-target-not-existing-on-date-refused",
                test_merge_target_not_existing_on_date_refused);
  SDB_TEST_ADD ("/core/organization/second-end-refused", test_second_end_refused);
  SDB_TEST_ADD ("/core/organization/end-before-later-changes-refused",
                test_end_before_later_changes_refused);
  SDB_TEST_ADD ("/core/organization/founding-after-a-rated-year-refused",
                test_founding_after_a_rated_year_refused);
  SDB_TEST_ADD ("/core/organization/dissolving-before-a-rated-year-refused",
                test_dissolving_before_a_rated_year_refused);
  SDB_TEST_ADD ("/core/organization/date-change-keeping-ratings-saves",
                test_date_change_keeping_ratings_saves);

  return g_test_run ();
}
