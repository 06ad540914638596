/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The change history of every record kind: each record is created, changed and deleted through
 * the same functions a form uses, and each step must leave exactly the entries it should, in
 * one change (txn) per save, with the exact JSON of what changed. */
#include "config.h"

#include <sqlite3.h>

#include "sdb-award.h"
#include "sdb-badge.h"
#include "sdb-database-private.h"
#include "sdb-history.h"
#include "sdb-meeting.h"
#include "sdb-member.h"
#include "sdb-organization.h"
#include "sdb-profile.h"
#include "sdb-rating.h"
#include "sdb-target.h"
#include "sdb-term.h"
#include "sdb-test.h"

#define CBCS SDB_ORGANIZATION_KIND_CHI_BO_CO_SO
#define DBCS SDB_ORGANIZATION_KIND_DANG_BO_CO_SO
#define CBTT SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC

/* Reading the history ------------------------------------------------------------------------- */

/* One entry a step must write. */
typedef struct
{
  const char *op;
  const char *table;
  const char *row_key;
  const char *record_kind;
  gint64      record_id;
  const char *record_key;
  const char *changes;     /* the exact JSON */
} Expected;

/* Where a test stands in the history: the newest entry and change it has seen. */
typedef struct
{
  SdbTestFixture *f;
  gint64          mark;
  gint64          txn;
} Log;

/* Every entry of the history, newest first, as sdb_history_list () gives them. */
static GPtrArray *
list_all (SdbTestFixture *f)
{
  SdbHistoryFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sdb_history_list (f->db, &filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  /* The rows inserted for a record in the change that inserted it (a member's admission
   * event) are written in the record's entry and come with its number. */
  for (guint i = 0; i + 1 < entries->len; i++)
    g_assert_cmpint (((SdbHistoryEntry *) g_ptr_array_index (entries, i))->id, >=,
                     ((SdbHistoryEntry *) g_ptr_array_index (entries, i + 1))->id);
  return g_steal_pointer (&entries);
}

/* The entries written since the log's mark, oldest first; the mark moves past them. */
static GPtrArray *
take_entries (Log *log)
{
  g_autoptr(GPtrArray) all = list_all (log->f);
  GPtrArray *taken = g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_history_entry_free);

  for (guint i = all->len; i > 0; i--)
    {
      SdbHistoryEntry *e = g_ptr_array_index (all, i - 1);

      if (e->id > log->mark)
        g_ptr_array_add (taken, g_ptr_array_steal_index (all, i - 1));
    }
  if (taken->len > 0)
    log->mark = ((SdbHistoryEntry *) g_ptr_array_index (taken, taken->len - 1))->id;
  return taken;
}

/* Starts reading the history after everything a test's setup wrote. */
static Log
log_start (SdbTestFixture *f)
{
  Log log = { f, 0, 0 };
  g_autoptr(GPtrArray) entries = take_entries (&log);
  g_autoptr(GError) error = NULL;

  log.txn = sdb_history_get_last_txn (f->db, &error);
  g_assert_no_error (error);
  return log;
}

static void
print_entries (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      SdbHistoryEntry *e = g_ptr_array_index (entries, i);

      g_test_message ("entry %" G_GINT64_FORMAT " txn %" G_GINT64_FORMAT ": %s %s [%s] %s #%"
                      G_GINT64_FORMAT " “%s” %s", e->id, e->txn, e->op, e->table, e->row_key,
                      e->record_kind, e->record_id, e->record_key, e->changes);
    }
}

static gboolean
json_is_valid (SdbTestFixture *f,
               const char     *json)
{
  sqlite3_stmt *stmt = NULL;
  gboolean valid;

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (f->db),
                                       "SELECT json_valid (?1)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  valid = sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);
  return valid;
}

/* json_extract (@json, @path) as text, read by SQLite's own JSON parser. */
static char *
json_text (SdbTestFixture *f,
           const char     *json,
           const char     *path)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (f->db),
                                       "SELECT json_extract (?1, ?2)", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
assert_entry (SdbTestFixture        *f,
              const SdbHistoryEntry *e,
              const Expected        *x)
{
  g_assert_cmpstr (e->op, ==, x->op);
  g_assert_cmpstr (e->table, ==, x->table);
  g_assert_cmpstr (e->row_key, ==, x->row_key);
  g_assert_cmpstr (e->record_kind, ==, x->record_kind);
  g_assert_cmpint (e->record_id, ==, x->record_id);
  g_assert_cmpstr (e->record_key, ==, x->record_key);
  g_assert_cmpstr (e->changes, ==, x->changes);
  g_assert_true (json_is_valid (f, e->changes));
  g_assert_cmpint (e->import_id, ==, 0);
  g_assert_cmpstr (e->user, ==, g_get_user_name ());
  g_assert_true (g_str_has_suffix (e->time, "Z"));
}

/* Asserts that the step since the last one wrote exactly @expected, all in one new change.
 * @ordered: in that order; otherwise each is found by its table and row (a cascade's order is
 * SQLite's). Returns the change's number. */
static gint64
assert_step_real (Log            *log,
                  const Expected *expected,
                  guint           n,
                  gboolean        ordered,
                  const char     *where)
{
  g_autoptr(GPtrArray) entries = take_entries (log);
  g_autofree gboolean *used = g_new0 (gboolean, n);
  gint64 txn;

  g_test_message ("%s", where);
  print_entries (entries);
  g_assert_cmpuint (entries->len, ==, n);
  if (n == 0)
    return 0;

  /* The next change after the last one, numbered by its first entry, one time for all its
   * entries. */
  txn = ((SdbHistoryEntry *) g_ptr_array_index (entries, 0))->txn;
  g_assert_cmpint (txn, >, log->txn);
  g_assert_cmpint (txn, ==, ((SdbHistoryEntry *) g_ptr_array_index (entries, 0))->id);
  for (guint i = 0; i < entries->len; i++)
    {
      SdbHistoryEntry *e = g_ptr_array_index (entries, i);
      const Expected *x = NULL;

      g_assert_cmpint (e->txn, ==, txn);
      g_assert_cmpstr (e->time, ==,
                       ((SdbHistoryEntry *) g_ptr_array_index (entries, 0))->time);
      if (ordered)
        x = &expected[i];
      else
        for (guint k = 0; k < n && x == NULL; k++)
          if (!used[k] && g_str_equal (expected[k].table, e->table)
              && g_str_equal (expected[k].row_key, e->row_key))
            {
              used[k] = TRUE;
              x = &expected[k];
            }
      g_assert_nonnull (x);
      assert_entry (log->f, e, x);
    }
  log->txn = txn;
  return txn;
}

#define EXPECTED(...) ((const Expected[]) { __VA_ARGS__ })
#define N_EXPECTED(...) (sizeof (EXPECTED (__VA_ARGS__)) / sizeof (Expected))

/* The step wrote these entries, in this order, as one change. */
#define assert_step(log, ...) \
  assert_step_real ((log), EXPECTED (__VA_ARGS__), N_EXPECTED (__VA_ARGS__), TRUE, G_STRLOC)
/* The same, in any order. */
#define assert_step_any_order(log, ...) \
  assert_step_real ((log), EXPECTED (__VA_ARGS__), N_EXPECTED (__VA_ARGS__), FALSE, G_STRLOC)
/* The step wrote nothing. */
#define assert_no_entry(log) assert_step_real ((log), NULL, 0, TRUE, G_STRLOC)

/* Writing records through the core, as a form does ---------------------------------------- */

static void
assert_written (SdbTestFixture *f,
                gboolean        ok,
                GError         *error)
{
  sdb_test_log_problems (f->problems);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_ptr_array_set_size (f->problems, 0);
}

static SdbOrganization *
insert_organization (SdbTestFixture      *f,
                     const char          *code,
                     const char          *name,
                     SdbOrganizationKind  kind,
                     gint64               parent_id,
                     const char          *founded)
{
  SdbOrganization *organization = sdb_organization_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  sdb_organization_set_code (organization, code);
  sdb_organization_set_name (organization, name);
  sdb_organization_set_kind (organization, kind);
  sdb_organization_set_parent_id (organization, parent_id);
  if (founded != NULL)
    {
      SdbDate date = sdb_test_date (founded);

      sdb_organization_set_founded (organization, &date);
    }
  ok = sdb_organization_insert (f->db, organization, f->problems, &error);
  assert_written (f, ok, error);
  return organization;
}

static gint64
insert_cell (SdbTestFixture *f,
             const char     *code,
             const char     *name)
{
  g_autoptr(SdbOrganization) cell = insert_organization (f, code, name, CBCS, 0, "1960-01-01");

  return sdb_organization_get_id (cell);
}

static SdbMember *
make_member (const char *code,
             const char *full_name,
             const char *birth,
             const char *admission,
             const char *official)
{
  SdbMember *member = sdb_member_new ();
  SdbDate date;

  sdb_member_set_code (member, code);
  sdb_member_set_full_name (member, full_name);
  sdb_member_set_gender (member, SDB_GENDER_MALE);
  sdb_member_set_ethnicity (member, "Tày");
  date = sdb_test_date (birth);
  sdb_member_set_birth_date (member, &date);
  date = sdb_test_date (admission);
  sdb_member_set_admission_date (member, &date);
  date = sdb_test_date (official);
  sdb_member_set_official_date (member, &date);
  return member;
}

static SdbMember *
admit_member (SdbTestFixture *f,
              const char     *code,
              const char     *full_name,
              const char     *birth,
              const char     *admission,
              const char     *official,
              gint64          organization_id)
{
  SdbMember *member = make_member (code, full_name, birth, admission, official);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = sdb_member_admit (f->db, member, organization_id, f->problems, &error);
  assert_written (f, ok, error);
  return member;
}

static SdbMemberExemption *
add_exemption (SdbTestFixture *f,
               gint64          member_id,
               const char     *first,
               const char     *reason)
{
  SdbMemberExemption *exemption = sdb_member_exemption_new ();
  SdbDate date = sdb_test_date (first);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  sdb_member_exemption_set_member_id (exemption, member_id);
  sdb_member_exemption_set_first_date (exemption, &date);
  sdb_member_exemption_set_reason (exemption, reason);
  ok = sdb_member_add_exemption (f->db, exemption, f->problems, &error);
  assert_written (f, ok, error);
  return exemption;
}

static SdbBadge *
insert_badge (SdbTestFixture *f,
              gint64          member_id,
              int             years,
              const char     *day)
{
  SdbBadge *badge = sdb_badge_new ();
  SdbDate date = sdb_test_date (day);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  sdb_badge_set_member_id (badge, member_id);
  sdb_badge_set_years (badge, years);
  sdb_badge_set_date (badge, &date);
  ok = sdb_badge_insert (f->db, badge, f->problems, &error);
  assert_written (f, ok, error);
  return badge;
}

static void
save_rating (SdbTestFixture *f,
             SdbRating      *rating)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = sdb_rating_save (f->db, rating, f->problems, &error);

  assert_written (f, ok, error);
}

/* Tests ------------------------------------------------------------------------------------- */

static void
test_new_database_has_one_start_note (SdbTestFixture *f,
                                      gconstpointer   data)
{
  g_autoptr(GPtrArray) entries = list_all (f);
  SdbHistoryEntry *e;

  /* Nothing but the note that the history begins with the database. */
  g_assert_cmpuint (entries->len, ==, 1);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (e->id, ==, 1);
  g_assert_cmpint (e->txn, ==, 1);
  g_assert_cmpstr (e->op, ==, "start");
  g_assert_cmpstr (e->table, ==, "");
  g_assert_cmpstr (e->row_key, ==, "");
  g_assert_cmpstr (e->record_kind, ==, "");
  g_assert_cmpint (e->record_id, ==, 0);
  g_assert_cmpstr (e->record_key, ==, "");
  g_assert_cmpstr (e->changes, ==, "{\"reason\":\"new\"}");
  g_assert_cmpint (sdb_history_count (f->db, NULL), ==, 1);
}

static void
test_profile (SdbTestFixture *f,
              gconstpointer   data)
{
  Log log = log_start (f);
  g_autoptr(SdbProfile) profile = sdb_profile_new ();
  g_autoptr(GError) error = NULL;
  SdbDate since = sdb_test_date ("2025-07-01");
  gint64 txn;
  gboolean ok;

  sdb_profile_set_since (profile, &since);
  sdb_profile_set_name (profile, "Đảng bộ xã Minh Tân");
  sdb_profile_set_committee_name (profile, "Đảng ủy xã Minh Tân");
  sdb_profile_set_level (profile, SDB_LEVEL_COMMUNE);
  sdb_profile_set_symbol (profile, "ĐU");
  ok = sdb_profile_insert (f->db, profile, f->problems, &error);
  assert_written (f, ok, error);
  txn = assert_step (&log,
                     { "insert", "profile", "1", "profile", 1, "2025-07-01",
                       "{\"id\":1,\"since\":\"2025-07-01\",\"name\":\"Đảng bộ xã Minh Tân\","
                       "\"committee_name\":\"Đảng ủy xã Minh Tân\",\"level\":\"commune\","
                       "\"symbol\":\"ĐU\"}" });
  g_assert_cmpint (sdb_history_get_last_txn (f->db, NULL), ==, txn);

  /* A renamed committee, and its date moved: the key is the date it has now. */
  since = sdb_test_date ("2025-07-02");
  sdb_profile_set_since (profile, &since);
  sdb_profile_set_name (profile, "Đảng bộ phường Minh Tân");
  sdb_profile_set_committee_name (profile, "Đảng ủy phường Minh Tân");
  ok = sdb_profile_update (f->db, profile, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "profile", "1", "profile", 1, "2025-07-02",
                 "{\"since\":[\"2025-07-01\",\"2025-07-02\"],"
                 "\"name\":[\"Đảng bộ xã Minh Tân\",\"Đảng bộ phường Minh Tân\"],"
                 "\"committee_name\":[\"Đảng ủy xã Minh Tân\",\"Đảng ủy phường Minh Tân\"]}" });

  ok = sdb_profile_update (f->db, profile, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  ok = sdb_profile_delete (f->db, sdb_profile_get_id (profile), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "profile", "1", "profile", 1, "2025-07-02",
                 "{\"id\":1,\"since\":\"2025-07-02\",\"name\":\"Đảng bộ phường Minh Tân\","
                 "\"committee_name\":\"Đảng ủy phường Minh Tân\",\"level\":\"commune\","
                 "\"symbol\":\"ĐU\"}" });
}

static void
test_term (SdbTestFixture *f,
           gconstpointer   data)
{
  Log log = log_start (f);
  g_autoptr(SdbTerm) term = sdb_term_new (2020, 2025);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = sdb_term_insert (f->db, term, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "term", "1", "term", 1, "2020-2025",
                 "{\"id\":1,\"first_year\":2020,\"last_year\":2025}" });

  sdb_term_set_last_year (term, 2026);
  ok = sdb_term_update (f->db, term, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "term", "1", "term", 1, "2020-2026",
                 "{\"last_year\":[2025,2026]}" });

  ok = sdb_term_update (f->db, term, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  ok = sdb_term_delete (f->db, sdb_term_get_id (term), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "term", "1", "term", 1, "2020-2026",
                 "{\"id\":1,\"first_year\":2020,\"last_year\":2026}" });
}

static void
test_sector (SdbTestFixture *f,
             gconstpointer   data)
{
  Log log = log_start (f);
  g_autoptr(SdbSector) sector = sdb_sector_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  sdb_sector_set_name (sector, "Nông, lâm trường");
  sdb_sector_set_position (sector, 10);
  ok = sdb_sector_insert (f->db, sector, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "sector", "1", "sector", 1, "Nông, lâm trường",
                 "{\"id\":1,\"name\":\"Nông, lâm trường\",\"position\":10}" });

  sdb_sector_set_name (sector, "Nông trường");
  ok = sdb_sector_update (f->db, sector, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "sector", "1", "sector", 1, "Nông trường",
                 "{\"name\":[\"Nông, lâm trường\",\"Nông trường\"]}" });

  ok = sdb_sector_update (f->db, sector, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  ok = sdb_sector_delete (f->db, sdb_sector_get_id (sector), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "sector", "1", "sector", 1, "Nông trường",
                 "{\"id\":1,\"name\":\"Nông trường\",\"position\":10}" });

  /* The defaults are one save: nine rows, one change. */
  ok = sdb_sector_insert_defaults (f->db, &error);
  assert_written (f, ok, error);
  {
    g_autoptr(GPtrArray) entries = take_entries (&log);

    g_assert_cmpuint (entries->len, ==, 9);
    for (guint i = 0; i < entries->len; i++)
      {
        SdbHistoryEntry *e = g_ptr_array_index (entries, i);

        g_assert_cmpstr (e->op, ==, "insert");
        g_assert_cmpstr (e->table, ==, "sector");
        g_assert_cmpint (e->txn, ==, ((SdbHistoryEntry *) g_ptr_array_index (entries, 0))->id);
      }
  }
}

static void
test_organization (SdbTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(SdbSector) sector = sdb_sector_new ();
  g_autoptr(SdbOrganization) cell = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  Log log;

  sdb_sector_set_name (sector, "Thôn, bản, tổ dân phố");
  ok = sdb_sector_insert (f->db, sector, f->problems, &error);
  assert_written (f, ok, error);
  log = log_start (f);

  cell = sdb_organization_new ();
  sdb_organization_set_code (cell, "CB01");
  sdb_organization_set_name (cell, "Chi bộ thôn Nà Lốc");
  sdb_organization_set_kind (cell, CBCS);
  sdb_organization_set_sector_id (cell, sdb_sector_get_id (sector));
  {
    SdbDate founded = sdb_test_date ("1976-03");

    sdb_organization_set_founded (cell, &founded);
  }
  ok = sdb_organization_insert (f->db, cell, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "organization", "1", "organization", 1, "CB01",
                 "{\"id\":1,\"code\":\"CB01\",\"name\":\"Chi bộ thôn Nà Lốc\","
                 "\"kind\":\"chi_bo_co_so\",\"sector_id\":1,\"founded\":\"1976-03\","
                 "\"notes\":\"\"}" });

  /* A new code: the entry names the record by the code it has now. */
  sdb_organization_set_code (cell, "CB001");
  sdb_organization_set_notes (cell, "Thôn vùng cao");
  ok = sdb_organization_update (f->db, cell, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "organization", "1", "organization", 1, "CB001",
                 "{\"code\":[\"CB01\",\"CB001\"],\"notes\":[\"\",\"Thôn vùng cao\"]}" });

  ok = sdb_organization_update (f->db, cell, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  ok = sdb_organization_delete (f->db, sdb_organization_get_id (cell), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "organization", "1", "organization", 1, "CB001",
                 "{\"id\":1,\"code\":\"CB001\",\"name\":\"Chi bộ thôn Nà Lốc\","
                 "\"kind\":\"chi_bo_co_so\",\"sector_id\":1,\"founded\":\"1976-03\","
                 "\"notes\":\"Thôn vùng cao\"}" });
}

static SdbOrganizationEvent *
new_organization_event (SdbTestFixture           *f,
                        gint64                    organization_id,
                        const char               *day,
                        SdbOrganizationEventKind  kind)
{
  SdbOrganizationEvent *event = sdb_organization_event_new ();
  SdbDate date = sdb_test_date (day);

  sdb_organization_event_set_organization_id (event, organization_id);
  sdb_organization_event_set_date (event, &date);
  sdb_organization_event_set_kind (event, kind);
  return event;
}

static void
save_organization_event (SdbTestFixture       *f,
                         SdbOrganizationEvent *event)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = sdb_organization_add_event (f->db, event, f->problems, &error);

  assert_written (f, ok, error);
}

static void
test_organization_events (SdbTestFixture *f,
                          gconstpointer   data)
{
  g_autoptr(SdbOrganization) first = insert_organization (f, "DB01", "Đảng bộ Công an xã",
                                                          DBCS, 0, "2000-01-01");
  g_autoptr(SdbOrganization) second = insert_organization (f, "DB02",
                                                           "Đảng bộ Trường THPT Minh Tân",
                                                           DBCS, 0, "2000-01-01");
  g_autoptr(SdbOrganization) cell = insert_organization (f, "CT01", "Chi bộ Đội Cảnh sát",
                                                         CBTT, sdb_organization_get_id (first),
                                                         "2005-01-01");
  g_autoptr(SdbOrganizationEvent) rename = NULL;
  g_autoptr(SdbOrganizationEvent) move = NULL;
  g_autoptr(SdbOrganizationEvent) dissolve = NULL;
  g_autoptr(GError) error = NULL;
  Log log = log_start (f);
  gboolean ok;

  g_assert_cmpint (sdb_organization_get_id (cell), ==, 3);

  rename = new_organization_event (f, 3, "2015-06-01", SDB_ORGANIZATION_EVENT_KIND_RENAME);
  sdb_organization_event_set_name (rename, "Chi bộ Đội Cảnh sát trật tự");
  save_organization_event (f, rename);
  assert_step (&log,
               { "insert", "organization_event", "1", "organization", 3, "CT01",
                 "{\"id\":1,\"organization_id\":3,\"date\":\"2015-06-01\",\"kind\":\"rename\","
                 "\"old_name\":\"Chi bộ Đội Cảnh sát\",\"name\":\"Chi bộ Đội Cảnh sát trật tự\","
                 "\"notes\":\"\"}" },
               { "update", "organization", "3", "organization", 3, "CT01",
                 "{\"name\":[\"Chi bộ Đội Cảnh sát\",\"Chi bộ Đội Cảnh sát trật tự\"]}" });

  move = new_organization_event (f, 3, "2018-01-01", SDB_ORGANIZATION_EVENT_KIND_MOVE);
  sdb_organization_event_set_parent_id (move, sdb_organization_get_id (second));
  save_organization_event (f, move);
  assert_step (&log,
               { "insert", "organization_event", "2", "organization", 3, "CT01",
                 "{\"id\":2,\"organization_id\":3,\"date\":\"2018-01-01\",\"kind\":\"move\","
                 "\"old_parent_id\":1,\"parent_id\":2,\"notes\":\"\"}" },
               { "update", "organization", "3", "organization", 3, "CT01",
                 "{\"parent_id\":[1,2]}" });

  dissolve = new_organization_event (f, 3, "2020-12-31", SDB_ORGANIZATION_EVENT_KIND_DISSOLVE);
  sdb_organization_event_set_notes (dissolve, "Quyết định số 12-QĐ/ĐU");
  save_organization_event (f, dissolve);
  assert_step (&log,
               { "insert", "organization_event", "3", "organization", 3, "CT01",
                 "{\"id\":3,\"organization_id\":3,\"date\":\"2020-12-31\",\"kind\":\"dissolve\","
                 "\"notes\":\"Quyết định số 12-QĐ/ĐU\"}" },
               { "update", "organization", "3", "organization", 3, "CT01",
                 "{\"dissolved\":[null,\"2020-12-31\"]}" });

  /* Deleting the dissolution makes the organization exist again, in the same change. */
  ok = sdb_organization_delete_event (f->db, sdb_organization_event_get_id (dissolve), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "organization", "3", "organization", 3, "CT01",
                 "{\"dissolved\":[\"2020-12-31\",null]}" },
               { "delete", "organization_event", "3", "organization", 3, "CT01",
                 "{\"id\":3,\"organization_id\":3,\"date\":\"2020-12-31\",\"kind\":\"dissolve\","
                 "\"notes\":\"Quyết định số 12-QĐ/ĐU\"}" });

  /* The organization goes with its own history; every entry still names it. */
  ok = sdb_organization_delete (f->db, 3, &error);
  assert_written (f, ok, error);
  assert_step_any_order (&log,
                         { "delete", "organization_event", "1", "organization", 3, "CT01",
                           "{\"id\":1,\"organization_id\":3,\"date\":\"2015-06-01\","
                           "\"kind\":\"rename\",\"old_name\":\"Chi bộ Đội Cảnh sát\","
                           "\"name\":\"Chi bộ Đội Cảnh sát trật tự\",\"notes\":\"\"}" },
                         { "delete", "organization_event", "2", "organization", 3, "CT01",
                           "{\"id\":2,\"organization_id\":3,\"date\":\"2018-01-01\","
                           "\"kind\":\"move\",\"old_parent_id\":1,\"parent_id\":2,"
                           "\"notes\":\"\"}" },
                         { "delete", "organization", "3", "organization", 3, "CT01",
                           "{\"id\":3,\"code\":\"CT01\",\"name\":\"Chi bộ Đội Cảnh sát trật tự\","
                           "\"kind\":\"chi_bo_truc_thuoc\",\"parent_id\":2,"
                           "\"founded\":\"2005-01-01\",\"notes\":\"\"}" });
}

static void
test_member (SdbTestFixture *f,
             gconstpointer   data)
{
  gint64 first = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = insert_cell (f, "CB02", "Chi bộ thôn Nà Hát");
  g_autoptr(SdbMember) member = make_member ("DV0001", "Nguyễn Văn Hoà", "1985-04-20",
                                             "2010-03-15", "2011-03-15");
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SdbMemberEvent) left = NULL;
  g_autoptr(GError) error = NULL;
  Log log = log_start (f);
  SdbDate date;
  gboolean ok;

  ok = sdb_member_admit (f->db, member, first, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "member", "1", "member", 1, "DV0001",
                 "{\"id\":1,\"code\":\"DV0001\",\"full_name\":\"Nguyễn Văn Hoà\","
                 "\"gender\":\"male\",\"birth_date\":\"1985-04-20\",\"ethnicity\":\"Tày\","
                 "\"religion\":\"\",\"hometown\":\"\",\"card_number\":\"\",\"position\":\"\","
                 "\"notes\":\"\",\"admission_date\":\"2010-03-15\","
                 "\"official_date\":\"2011-03-15\",\"organization_id\":1}" },
               { "insert", "member_event", "1", "member", 1, "DV0001",
                 "{\"id\":1,\"member_id\":1,\"date\":\"2010-03-15\",\"kind\":\"admitted\","
                 "\"organization_id\":1,\"place\":\"\",\"notes\":\"\"}" });

  /* A corrected admission date moves the admission event: one change, two rows. */
  sdb_member_set_hometown (member, "Minh Tân, Vị Xuyên, Hà Giang");
  date = sdb_test_date ("2010-04-02");
  sdb_member_set_admission_date (member, &date);
  date = sdb_test_date ("2011-04-02");
  sdb_member_set_official_date (member, &date);
  ok = sdb_member_update (f->db, member, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "member", "1", "member", 1, "DV0001",
                 "{\"hometown\":[\"\",\"Minh Tân, Vị Xuyên, Hà Giang\"],"
                 "\"admission_date\":[\"2010-03-15\",\"2010-04-02\"],"
                 "\"official_date\":[\"2011-03-15\",\"2011-04-02\"]}" },
               { "update", "member_event", "1", "member", 1, "DV0001",
                 "{\"date\":[\"2010-03-15\",\"2010-04-02\"]}" });

  ok = sdb_member_update (f->db, member, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  date = sdb_test_date ("2015-01-01");
  ok = sdb_member_move (f->db, 1, &date, second, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "member_event", "2", "member", 1, "DV0001",
                 "{\"id\":2,\"member_id\":1,\"date\":\"2015-01-01\",\"kind\":\"move\","
                 "\"organization_id\":2,\"place\":\"\",\"notes\":\"\"}" },
               { "update", "member", "1", "member", 1, "DV0001",
                 "{\"organization_id\":[1,2]}" });

  date = sdb_test_date ("2024-08-10");
  ok = sdb_member_leave (f->db, 1, &date, SDB_LEAVING_REASON_DIED, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "member_event", "3", "member", 1, "DV0001",
                 "{\"id\":3,\"member_id\":1,\"date\":\"2024-08-10\",\"kind\":\"left\","
                 "\"reason\":\"died\",\"place\":\"\",\"notes\":\"\"}" },
               { "update", "member", "1", "member", 1, "DV0001",
                 "{\"organization_id\":[2,null]}" });

  /* The departure was recorded by mistake. */
  events = sdb_member_list_events (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 3);
  left = g_list_model_get_item (events, 2);
  g_assert_cmpint (sdb_member_event_get_kind (left), ==, SDB_MEMBER_EVENT_KIND_LEFT);
  ok = sdb_member_delete_event (f->db, sdb_member_event_get_id (left), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "member_event", "3", "member", 1, "DV0001",
                 "{\"id\":3,\"member_id\":1,\"date\":\"2024-08-10\",\"kind\":\"left\","
                 "\"reason\":\"died\",\"place\":\"\",\"notes\":\"\"}" },
               { "update", "member", "1", "member", 1, "DV0001",
                 "{\"organization_id\":[null,2]}" });

  /* The member's own entries, their events' included, are found by their code. */
  {
    SdbHistoryFilter filter = { .record_kind = "member", .record_key = "DV0001" };
    g_autoptr(GPtrArray) entries = sdb_history_list (f->db, &filter, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 10);
  }

  ok = sdb_member_delete (f->db, 1, &error);
  assert_written (f, ok, error);
  assert_step_any_order (&log,
                         { "delete", "member_event", "1", "member", 1, "DV0001",
                           "{\"id\":1,\"member_id\":1,\"date\":\"2010-04-02\","
                           "\"kind\":\"admitted\",\"organization_id\":1,\"place\":\"\","
                           "\"notes\":\"\"}" },
                         { "delete", "member_event", "2", "member", 1, "DV0001",
                           "{\"id\":2,\"member_id\":1,\"date\":\"2015-01-01\",\"kind\":\"move\","
                           "\"organization_id\":2,\"place\":\"\",\"notes\":\"\"}" },
                         { "delete", "member", "1", "member", 1, "DV0001",
                           "{\"id\":1,\"code\":\"DV0001\",\"full_name\":\"Nguyễn Văn Hoà\","
                           "\"gender\":\"male\",\"birth_date\":\"1985-04-20\","
                           "\"ethnicity\":\"Tày\",\"religion\":\"\","
                           "\"hometown\":\"Minh Tân, Vị Xuyên, Hà Giang\",\"card_number\":\"\","
                           "\"position\":\"\",\"notes\":\"\","
                           "\"admission_date\":\"2010-04-02\",\"official_date\":\"2011-04-02\","
                           "\"organization_id\":2}" });
}

static void
test_member_exemption (SdbTestFixture *f,
                       gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV0001", "Hoàng Thị Mai", "1950-02-10",
                                              "1975-05-19", "1976-05-19", cell);
  g_autoptr(SdbMemberExemption) exemption = NULL;
  g_autoptr(GError) error = NULL;
  Log log = log_start (f);
  SdbDate date;
  gboolean ok;

  exemption = add_exemption (f, sdb_member_get_id (member), "2020-01-01", "Tuổi cao, sức yếu");
  assert_step (&log,
               { "insert", "member_exemption", "1", "member", 1, "DV0001",
                 "{\"id\":1,\"member_id\":1,\"first_date\":\"2020-01-01\","
                 "\"reason\":\"Tuổi cao, sức yếu\"}" });

  date = sdb_test_date ("2022-12-31");
  sdb_member_exemption_set_last_date (exemption, &date);
  ok = sdb_member_update_exemption (f->db, exemption, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "member_exemption", "1", "member", 1, "DV0001",
                 "{\"last_date\":[null,\"2022-12-31\"]}" });

  ok = sdb_member_update_exemption (f->db, exemption, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  ok = sdb_member_delete_exemption (f->db, sdb_member_exemption_get_id (exemption), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "member_exemption", "1", "member", 1, "DV0001",
                 "{\"id\":1,\"member_id\":1,\"first_date\":\"2020-01-01\","
                 "\"last_date\":\"2022-12-31\",\"reason\":\"Tuổi cao, sức yếu\"}" });
}

static void
test_admission_target (SdbTestFixture *f,
                       gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbTarget) committee = sdb_target_new ();
  g_autoptr(SdbTarget) term = sdb_target_new ();
  g_autoptr(GError) error = NULL;
  Log log = log_start (f);
  gboolean ok;

  sdb_target_set_year (committee, 2024);
  sdb_target_set_number (committee, 35);
  ok = sdb_target_insert (f->db, committee, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "admission_target", "1", "target", 1, "2024-2024",
                 "{\"id\":1,\"first_year\":2024,\"last_year\":2024,\"number\":35}" });

  sdb_target_set_number (committee, 37);
  ok = sdb_target_update (f->db, committee, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "admission_target", "1", "target", 1, "2024-2024",
                 "{\"number\":[35,37]}" });

  ok = sdb_target_update (f->db, committee, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  /* A term's target for one organization is named by the years and the organization. */
  sdb_target_set_first_year (term, 2020);
  sdb_target_set_last_year (term, 2025);
  sdb_target_set_organization_id (term, cell);
  sdb_target_set_number (term, 12);
  ok = sdb_target_insert (f->db, term, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "admission_target", "2", "target", 2, "2020-2025 CB01",
                 "{\"id\":2,\"first_year\":2020,\"last_year\":2025,\"organization_id\":1,"
                 "\"number\":12}" });

  ok = sdb_target_delete (f->db, sdb_target_get_id (term), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "admission_target", "2", "target", 2, "2020-2025 CB01",
                 "{\"id\":2,\"first_year\":2020,\"last_year\":2025,\"organization_id\":1,"
                 "\"number\":12}" });

  ok = sdb_target_delete (f->db, sdb_target_get_id (committee), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "admission_target", "1", "target", 1, "2024-2024",
                 "{\"id\":1,\"first_year\":2024,\"last_year\":2024,\"number\":37}" });
}

static void
test_organization_rating (SdbTestFixture *f,
                          gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbRating) rating = sdb_rating_new_for_organization (cell, 2024);
  g_autoptr(GError) error = NULL;
  Log log = log_start (f);
  gboolean ok;

  sdb_rating_set_grade (rating, SDB_GRADE_GOOD);
  sdb_rating_set_score (rating, 85);
  save_rating (f, rating);
  assert_step (&log,
               { "insert", "organization_rating", "1/2024", "organization", 1, "CB01",
                 "{\"organization_id\":1,\"year\":2024,\"grade\":\"good\",\"score\":85,"
                 "\"notes\":\"\"}" });

  sdb_rating_set_grade (rating, SDB_GRADE_EXCELLENT);
  sdb_rating_set_score (rating, 92);
  save_rating (f, rating);
  assert_step (&log,
               { "update", "organization_rating", "1/2024", "organization", 1, "CB01",
                 "{\"grade\":[\"good\",\"excellent\"],\"score\":[85,92]}" });

  save_rating (f, rating);
  assert_no_entry (&log);

  sdb_rating_set_rated (rating, FALSE);
  sdb_rating_set_not_rated_reason (rating, SDB_NOT_RATED_REASON_OTHER);
  sdb_rating_set_score (rating, SDB_RATING_NO_SCORE);
  sdb_rating_set_notes (rating, "Đang kiện toàn cấp ủy");
  ok = sdb_rating_update (f->db, rating, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "organization_rating", "1/2024", "organization", 1, "CB01",
                 "{\"grade\":[\"excellent\",null],\"not_rated_reason\":[null,\"other\"],"
                 "\"score\":[92,null],\"notes\":[\"\",\"Đang kiện toàn cấp ủy\"]}" });

  ok = sdb_rating_delete (f->db, rating, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "organization_rating", "1/2024", "organization", 1, "CB01",
                 "{\"organization_id\":1,\"year\":2024,\"not_rated_reason\":\"other\","
                 "\"notes\":\"Đang kiện toàn cấp ủy\"}" });
}

static void
test_member_rating (SdbTestFixture *f,
                    gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV0001", "Nguyễn Văn Hoà", "1985-04-20",
                                              "2010-03-15", "2011-03-15", cell);
  g_autoptr(SdbRating) rating = sdb_rating_new_for_member (sdb_member_get_id (member), 2024);
  g_autoptr(GError) error = NULL;
  Log log = log_start (f);
  gboolean ok;

  sdb_rating_set_grade (rating, SDB_GRADE_DONE);
  ok = sdb_rating_insert (f->db, rating, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "member_rating", "1/2024", "member", 1, "DV0001",
                 "{\"member_id\":1,\"year\":2024,\"grade\":\"done\",\"notes\":\"\"}" });

  sdb_rating_set_grade (rating, SDB_GRADE_GOOD);
  sdb_rating_set_score (rating, 78);
  save_rating (f, rating);
  assert_step (&log,
               { "update", "member_rating", "1/2024", "member", 1, "DV0001",
                 "{\"grade\":[\"done\",\"good\"],\"score\":[null,78]}" });

  save_rating (f, rating);
  assert_no_entry (&log);

  ok = sdb_rating_delete (f->db, rating, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "member_rating", "1/2024", "member", 1, "DV0001",
                 "{\"member_id\":1,\"year\":2024,\"grade\":\"good\",\"score\":78,"
                 "\"notes\":\"\"}" });
}

static SdbMeetingAttendee *
new_attendee (SdbAttendance  attendance,
              const char    *name,
              const char    *title)
{
  SdbMeetingAttendee *attendee = sdb_meeting_attendee_new ();

  sdb_meeting_attendee_set_attendance (attendee, attendance);
  sdb_meeting_attendee_set_name (attendee, name);
  sdb_meeting_attendee_set_title (attendee, title);
  return attendee;
}

/* Where the text of a meeting's content must survive JSON: quotes, a line break, a tab. */
#define CONTENT "Quán triệt Nghị quyết \"33-NQ/TU\"\n\tvà kết luận"
#define CONTENT_JSON "Quán triệt Nghị quyết \\\"33-NQ/TU\\\"\\n\\tvà kết luận"

static void
test_meeting (SdbTestFixture *f,
              gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = sdb_meeting_new ();
  g_autoptr(SdbMeetingDocument) document = sdb_meeting_document_new ();
  g_autoptr(GError) error = NULL;
  Log log = log_start (f);
  SdbDate date = sdb_test_date ("2024-12-20");
  gint64 txn;
  gboolean ok;

  sdb_meeting_set_number (meeting, "15");
  sdb_meeting_set_symbol (meeting, "BB/ĐU");
  sdb_meeting_set_date (meeting, &date);
  sdb_meeting_set_kind (meeting, SDB_MEETING_KIND_EXECUTIVE);
  sdb_meeting_set_place (meeting, "Hội trường xã");
  sdb_meeting_set_content (meeting, CONTENT);
  {
    g_autoptr(SdbMeetingAttendee) chair = new_attendee (SDB_ATTENDANCE_PRESENT,
                                                        "Lò Văn Pọm", "Bí thư");
    g_autoptr(SdbMeetingAttendee) deputy = new_attendee (SDB_ATTENDANCE_PRESENT,
                                                         "Hoàng Thị Mai", "Phó Bí thư");

    sdb_meeting_add_attendee (meeting, chair);
    sdb_meeting_add_attendee (meeting, deputy);
  }
  sdb_meeting_document_set_number (document, "33");
  sdb_meeting_document_set_symbol (document, "NQ/TU");
  date = sdb_test_date ("2023-11-20");
  sdb_meeting_document_set_date (document, &date);
  sdb_meeting_add_document (meeting, document);

  ok = sdb_meeting_insert (f->db, meeting, f->problems, &error);
  assert_written (f, ok, error);
  txn = assert_step (&log,
                     { "insert", "meeting", "1", "meeting", 1, "15-BB/ĐU 2024",
                       "{\"id\":1,\"number\":\"15\",\"symbol\":\"BB/ĐU\",\"date\":\"2024-12-20\","
                       "\"start_time\":\"\",\"end_time\":\"\",\"place\":\"Hội trường xã\","
                       "\"kind\":\"executive\",\"chair_name\":\"\",\"chair_position\":\"\","
                       "\"secretary\":\"\",\"content\":\"" CONTENT_JSON "\","
                       "\"conclusions\":\"\",\"vote_method\":\"\",\"vote_result\":\"\","
                       "\"title\":\"\"}" },
                     { "insert", "meeting_attendee", "1", "meeting", 1, "15-BB/ĐU 2024",
                       "{\"id\":1,\"meeting_id\":1,\"seq\":0,\"attendance\":\"present\","
                       "\"name\":\"Lò Văn Pọm\",\"title\":\"Bí thư\",\"reason\":\"\"}" },
                     { "insert", "meeting_attendee", "2", "meeting", 1, "15-BB/ĐU 2024",
                       "{\"id\":2,\"meeting_id\":1,\"seq\":1,\"attendance\":\"present\","
                       "\"name\":\"Hoàng Thị Mai\",\"title\":\"Phó Bí thư\",\"reason\":\"\"}" },
                     { "insert", "meeting_document", "1", "meeting", 1, "15-BB/ĐU 2024",
                       "{\"id\":1,\"meeting_id\":1,\"seq\":0,\"number\":\"33\","
                       "\"symbol\":\"NQ/TU\",\"date\":\"2023-11-20\",\"title\":\"\"}" });

  /* SQLite's own JSON reader gives back the text as it was typed. */
  {
    SdbHistoryFilter filter = { .txn = txn };
    g_autoptr(GPtrArray) entries = sdb_history_list (f->db, &filter, &error);
    SdbHistoryEntry *inserted;
    g_autofree char *content = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 4);
    inserted = g_ptr_array_index (entries, entries->len - 1);
    g_assert_cmpstr (inserted->table, ==, "meeting");
    content = json_text (f, inserted->changes, "$.content");
    g_assert_cmpstr (content, ==, CONTENT);
  }

  /* The same minutes saved again, as a form does on Save without an edit: no entry. */
  {
    g_autoptr(SdbMeeting) read = sdb_meeting_lookup (f->db, 1, &error);

    g_assert_no_error (error);
    ok = sdb_meeting_update (f->db, read, f->problems, &error);
    assert_written (f, ok, error);
    assert_no_entry (&log);
  }
  ok = sdb_meeting_update (f->db, meeting, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  /* One attendee was absent after all: one entry, for that attendee only. */
  {
    g_autoptr(SdbMeetingAttendee) deputy =
      g_list_model_get_item (sdb_meeting_get_attendees (meeting), 1);

    sdb_meeting_attendee_set_attendance (deputy, SDB_ATTENDANCE_ABSENT);
    sdb_meeting_attendee_set_reason (deputy, "Đi công tác");
  }
  ok = sdb_meeting_update (f->db, meeting, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "meeting_attendee", "2", "meeting", 1, "15-BB/ĐU 2024",
                 "{\"attendance\":[\"present\",\"absent\"],\"reason\":[\"\",\"Đi công tác\"]}" });

  /* A guest added at the head of the list: one row inserted, the others moved down a place,
   * not each rewritten with the contents of the one before it. */
  {
    g_autoptr(SdbMeetingAttendee) guest = new_attendee (SDB_ATTENDANCE_GUEST, "Đào Văn Hùng",
                                                        "Chủ tịch UBND xã");

    sdb_meeting_insert_attendee (meeting, 0, guest);
  }
  ok = sdb_meeting_update (f->db, meeting, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "meeting_attendee", "3", "meeting", 1, "15-BB/ĐU 2024",
                 "{\"id\":3,\"meeting_id\":1,\"seq\":0,\"attendance\":\"guest\","
                 "\"name\":\"Đào Văn Hùng\",\"title\":\"Chủ tịch UBND xã\",\"reason\":\"\"}" },
               { "update", "meeting_attendee", "1", "meeting", 1, "15-BB/ĐU 2024",
                 "{\"seq\":[0,1]}" },
               { "update", "meeting_attendee", "2", "meeting", 1, "15-BB/ĐU 2024",
                 "{\"seq\":[1,2]}" });

  /* Taken off again: that row deleted, the others moved back up. */
  sdb_meeting_remove_attendee (meeting, 0);
  ok = sdb_meeting_update (f->db, meeting, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "meeting_attendee", "3", "meeting", 1, "15-BB/ĐU 2024",
                 "{\"id\":3,\"meeting_id\":1,\"seq\":0,\"attendance\":\"guest\","
                 "\"name\":\"Đào Văn Hùng\",\"title\":\"Chủ tịch UBND xã\",\"reason\":\"\"}" },
               { "update", "meeting_attendee", "1", "meeting", 1, "15-BB/ĐU 2024",
                 "{\"seq\":[1,0]}" },
               { "update", "meeting_attendee", "2", "meeting", 1, "15-BB/ĐU 2024",
                 "{\"seq\":[2,1]}" });

  /* A field of the minutes, and a document taken off the list, in one save. */
  sdb_meeting_set_secretary (meeting, "Lường Văn Sáng");
  sdb_meeting_remove_document (meeting, 0);
  ok = sdb_meeting_update (f->db, meeting, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "meeting", "1", "meeting", 1, "15-BB/ĐU 2024",
                 "{\"secretary\":[\"\",\"Lường Văn Sáng\"]}" },
               { "delete", "meeting_document", "1", "meeting", 1, "15-BB/ĐU 2024",
                 "{\"id\":1,\"meeting_id\":1,\"seq\":0,\"number\":\"33\","
                 "\"symbol\":\"NQ/TU\",\"date\":\"2023-11-20\",\"title\":\"\"}" });

  /* The minutes go with their attendees, which still name them. */
  ok = sdb_meeting_delete (f->db, 1, &error);
  assert_written (f, ok, error);
  assert_step_any_order (&log,
                         { "delete", "meeting_attendee", "1", "meeting", 1, "15-BB/ĐU 2024",
                           "{\"id\":1,\"meeting_id\":1,\"seq\":0,\"attendance\":\"present\","
                           "\"name\":\"Lò Văn Pọm\",\"title\":\"Bí thư\",\"reason\":\"\"}" },
                         { "delete", "meeting_attendee", "2", "meeting", 1, "15-BB/ĐU 2024",
                           "{\"id\":2,\"meeting_id\":1,\"seq\":1,\"attendance\":\"absent\","
                           "\"name\":\"Hoàng Thị Mai\",\"title\":\"Phó Bí thư\","
                           "\"reason\":\"Đi công tác\"}" },
                         { "delete", "meeting", "1", "meeting", 1, "15-BB/ĐU 2024",
                           "{\"id\":1,\"number\":\"15\",\"symbol\":\"BB/ĐU\","
                           "\"date\":\"2024-12-20\",\"start_time\":\"\",\"end_time\":\"\","
                           "\"place\":\"Hội trường xã\",\"kind\":\"executive\","
                           "\"chair_name\":\"\",\"chair_position\":\"\","
                           "\"secretary\":\"Lường Văn Sáng\",\"content\":\"" CONTENT_JSON "\","
                           "\"conclusions\":\"\",\"vote_method\":\"\",\"vote_result\":\"\","
                           "\"title\":\"\"}" });
}

static void
test_award (SdbTestFixture *f,
            gconstpointer   data)
{
  g_autoptr(SdbAward) award = sdb_award_new ();
  g_autoptr(GError) error = NULL;
  Log log = log_start (f);
  gboolean ok;

  sdb_award_set_year (award, 2024);
  sdb_award_set_person_name (award, "Nguyễn Văn Hoà");
  sdb_award_set_form (award, "Giấy khen");
  sdb_award_set_reason (award, "Hoàn thành xuất sắc nhiệm vụ năm 2024");
  ok = sdb_award_insert (f->db, award, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "award", "1", "award", 1, "2024 Giấy khen",
                 "{\"id\":1,\"year\":2024,\"person_name\":\"Nguyễn Văn Hoà\","
                 "\"form\":\"Giấy khen\",\"reason\":\"Hoàn thành xuất sắc nhiệm vụ năm 2024\"}" });

  sdb_award_set_form (award, "Bằng khen");
  ok = sdb_award_update (f->db, award, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "award", "1", "award", 1, "2024 Bằng khen",
                 "{\"form\":[\"Giấy khen\",\"Bằng khen\"]}" });

  ok = sdb_award_update (f->db, award, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  ok = sdb_award_delete (f->db, sdb_award_get_id (award), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "award", "1", "award", 1, "2024 Bằng khen",
                 "{\"id\":1,\"year\":2024,\"person_name\":\"Nguyễn Văn Hoà\","
                 "\"form\":\"Bằng khen\",\"reason\":\"Hoàn thành xuất sắc nhiệm vụ năm 2024\"}" });
}

/* An award keeps no meeting that is deleted: that change of the award is an entry of the
 * award, in the change that deleted the meeting. */
static void
test_award_of_deleted_meeting (SdbTestFixture *f,
                               gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = sdb_meeting_new ();
  g_autoptr(SdbAward) award = sdb_award_new ();
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2024-12-20");
  gboolean ok;
  Log log;

  sdb_meeting_set_number (meeting, "16");
  sdb_meeting_set_symbol (meeting, "BB/ĐU");
  sdb_meeting_set_date (meeting, &date);
  sdb_meeting_set_kind (meeting, SDB_MEETING_KIND_YEAR_END);
  ok = sdb_meeting_insert (f->db, meeting, f->problems, &error);
  assert_written (f, ok, error);
  log = log_start (f);

  sdb_award_set_year (award, 2024);
  sdb_award_set_person_name (award, "Lò Văn Pọm");
  sdb_award_set_form (award, "Giấy khen");
  sdb_award_set_meeting_id (award, sdb_meeting_get_id (meeting));
  ok = sdb_award_insert (f->db, award, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "insert", "award", "1", "award", 1, "2024 Giấy khen",
                 "{\"id\":1,\"year\":2024,\"person_name\":\"Lò Văn Pọm\","
                 "\"form\":\"Giấy khen\",\"reason\":\"\",\"meeting_id\":1}" });

  ok = sdb_meeting_delete (f->db, sdb_meeting_get_id (meeting), &error);
  assert_written (f, ok, error);
  assert_step_any_order (&log,
                         { "update", "award", "1", "award", 1, "2024 Giấy khen",
                           "{\"meeting_id\":[1,null]}" },
                         { "delete", "meeting", "1", "meeting", 1, "16-BB/ĐU 2024",
                           "{\"id\":1,\"number\":\"16\",\"symbol\":\"BB/ĐU\","
                           "\"date\":\"2024-12-20\",\"start_time\":\"\",\"end_time\":\"\","
                           "\"place\":\"\",\"kind\":\"year_end\",\"chair_name\":\"\","
                           "\"chair_position\":\"\",\"secretary\":\"\",\"content\":\"\","
                           "\"conclusions\":\"\",\"vote_method\":\"\",\"vote_result\":\"\","
                           "\"title\":\"\"}" });
}

static void
test_badge (SdbTestFixture *f,
            gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV0007", "Hoàng Thị Mai", "1960-05-05",
                                              "1990-01-01", "1991-01-01", cell);
  g_autoptr(SdbBadge) badge = NULL;
  g_autoptr(GError) error = NULL;
  Log log = log_start (f);
  SdbDate date;
  gboolean ok;

  badge = insert_badge (f, sdb_member_get_id (member), 30, "2020-02-03");
  assert_step (&log,
               { "insert", "badge", "1", "member", 1, "DV0007",
                 "{\"id\":1,\"member_id\":1,\"years\":30,\"date\":\"2020-02-03\"}" });

  date = sdb_test_date ("2020-05-19");
  sdb_badge_set_date (badge, &date);
  ok = sdb_badge_update (f->db, badge, f->problems, &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "update", "badge", "1", "member", 1, "DV0007",
                 "{\"date\":[\"2020-02-03\",\"2020-05-19\"]}" });

  ok = sdb_badge_update (f->db, badge, f->problems, &error);
  assert_written (f, ok, error);
  assert_no_entry (&log);

  /* A save refused because of the badge (a party age short of 30 years on its day) is rolled
   * back with whatever the history had written for it. */
  date = sdb_test_date ("2000-01-01");
  sdb_member_set_admission_date (member, &date);
  date = sdb_test_date ("2001-01-01");
  sdb_member_set_official_date (member, &date);
  g_assert_false (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  sdb_test_assert_problem (f->problems, "admission-date", SDB_SEVERITY_ERROR);
  g_ptr_array_set_size (f->problems, 0);
  assert_no_entry (&log);

  ok = sdb_badge_delete (f->db, sdb_badge_get_id (badge), &error);
  assert_written (f, ok, error);
  assert_step (&log,
               { "delete", "badge", "1", "member", 1, "DV0007",
                 "{\"id\":1,\"member_id\":1,\"years\":30,\"date\":\"2020-05-19\"}" });
}

/* The member row is gone when the triggers of their events, ratings and badges fire: each entry
 * must still name the member by code, and the whole deletion is one change. */
static void
test_member_delete_cascades (SdbTestFixture *f,
                             gconstpointer   data)
{
  gint64 first = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = insert_cell (f, "CB02", "Chi bộ thôn Nà Hát");
  g_autoptr(SdbMember) member = admit_member (f, "DV0042", "Lò Văn Pọm", "1960-05-05",
                                              "1990-01-01", "1991-01-01", first);
  g_autoptr(SdbMemberExemption) exemption = NULL;
  g_autoptr(SdbRating) rating = sdb_rating_new_for_member (1, 2023);
  g_autoptr(SdbBadge) badge = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2000-01-01");
  gint64 txn;
  gboolean ok;
  Log log;

  g_assert_cmpint (sdb_member_get_id (member), ==, 1);
  ok = sdb_member_move (f->db, 1, &date, second, f->problems, &error);
  assert_written (f, ok, error);
  exemption = add_exemption (f, 1, "2024-01-01", "Tuổi cao");
  sdb_rating_set_grade (rating, SDB_GRADE_GOOD);
  save_rating (f, rating);
  badge = insert_badge (f, 1, 30, "2020-02-03");
  log = log_start (f);

  ok = sdb_member_delete (f->db, 1, &error);
  assert_written (f, ok, error);
  txn = assert_step_any_order (&log,
                               { "delete", "member_event", "1", "member", 1, "DV0042",
                                 "{\"id\":1,\"member_id\":1,\"date\":\"1990-01-01\","
                                 "\"kind\":\"admitted\",\"organization_id\":1,\"place\":\"\","
                                 "\"notes\":\"\"}" },
                               { "delete", "member_event", "2", "member", 1, "DV0042",
                                 "{\"id\":2,\"member_id\":1,\"date\":\"2000-01-01\","
                                 "\"kind\":\"move\",\"organization_id\":2,\"place\":\"\","
                                 "\"notes\":\"\"}" },
                               { "delete", "member_exemption", "1", "member", 1, "DV0042",
                                 "{\"id\":1,\"member_id\":1,\"first_date\":\"2024-01-01\","
                                 "\"reason\":\"Tuổi cao\"}" },
                               { "delete", "member_rating", "1/2023", "member", 1, "DV0042",
                                 "{\"member_id\":1,\"year\":2023,\"grade\":\"good\","
                                 "\"notes\":\"\"}" },
                               { "delete", "badge", "1", "member", 1, "DV0042",
                                 "{\"id\":1,\"member_id\":1,\"years\":30,"
                                 "\"date\":\"2020-02-03\"}" },
                               { "delete", "member", "1", "member", 1, "DV0042",
                                 "{\"id\":1,\"code\":\"DV0042\",\"full_name\":\"Lò Văn Pọm\","
                                 "\"gender\":\"male\",\"birth_date\":\"1960-05-05\","
                                 "\"ethnicity\":\"Tày\",\"religion\":\"\",\"hometown\":\"\","
                                 "\"card_number\":\"\",\"position\":\"\",\"notes\":\"\","
                                 "\"admission_date\":\"1990-01-01\","
                                 "\"official_date\":\"1991-01-01\",\"organization_id\":2}" });

  /* The member is gone, but their code still finds every entry about them. */
  {
    SdbHistoryFilter by_record = { .record_kind = "member", .record_key = "DV0042" };
    SdbHistoryFilter by_txn = { .txn = txn };
    g_autoptr(GPtrArray) entries = sdb_history_list (f->db, &by_record, &error);
    g_autoptr(GPtrArray) change = NULL;

    g_assert_no_error (error);
    /* admitted (2), moved (2), exempted, rated, badge, and the six of the deletion */
    g_assert_cmpuint (entries->len, ==, 13);
    change = sdb_history_list (f->db, &by_txn, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (change->len, ==, 6);
  }
}

/* SQLite gives a new row the largest id plus one, so a member added after the deletion of the
 * newest one gets that member's id again. The history of one must not show the other's. */
static void
test_reused_id_keeps_records_apart (SdbTestFixture *f,
                                    gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) gone = admit_member (f, "DV0001", "Nguyễn Văn Hoà", "1985-04-20",
                                            "2010-03-15", "2011-03-15", cell);
  g_autoptr(SdbMember) member = NULL;
  g_autoptr(GError) error = NULL;
  SdbHistoryFilter by_new = { .record_kind = "member", .record_key = "DV0002" };
  SdbHistoryFilter by_gone = { .record_kind = "member", .record_key = "DV0001" };
  g_autoptr(GPtrArray) entries_new = NULL;
  g_autoptr(GPtrArray) entries_gone = NULL;
  gboolean mixed = FALSE;
  gboolean ok;

  ok = sdb_member_delete (f->db, sdb_member_get_id (gone), &error);
  assert_written (f, ok, error);
  member = admit_member (f, "DV0002", "Hoàng Thị Mai", "1990-02-10", "2015-05-19", "2016-05-19",
                         cell);
  g_assert_cmpint (sdb_member_get_id (member), ==, sdb_member_get_id (gone));

  /* DV0002: admitted (member and event); DV0001: admitted, then deleted with the event. */
  entries_new = sdb_history_list (f->db, &by_new, &error);
  g_assert_no_error (error);
  entries_gone = sdb_history_list (f->db, &by_gone, &error);
  g_assert_no_error (error);
  print_entries (entries_new);
  print_entries (entries_gone);
  for (guint i = 0; i < entries_new->len; i++)
    if (!g_str_equal (((SdbHistoryEntry *) g_ptr_array_index (entries_new, i))->record_key,
                      "DV0002"))
      mixed = TRUE;
  for (guint i = 0; i < entries_gone->len; i++)
    if (!g_str_equal (((SdbHistoryEntry *) g_ptr_array_index (entries_gone, i))->record_key,
                      "DV0001"))
      mixed = TRUE;
  g_assert_false (mixed);
  g_assert_cmpuint (entries_new->len, ==, 2);
  g_assert_cmpuint (entries_gone->len, ==, 4);
}

int
main (int    argc,
      char **argv)
{
  sdb_test_init (&argc, &argv);
  /* Member validation judges "overdue" against today: a fixed day keeps these tests stable. */
  g_setenv ("SDB_TODAY", "2025-06-30", TRUE);

  SDB_TEST_ADD ("/history/kinds/new-database-has-one-start-note",
                test_new_database_has_one_start_note);
  SDB_TEST_ADD ("/history/kinds/profile", test_profile);
  SDB_TEST_ADD ("/history/kinds/term", test_term);
  SDB_TEST_ADD ("/history/kinds/sector", test_sector);
  SDB_TEST_ADD ("/history/kinds/organization", test_organization);
  SDB_TEST_ADD ("/history/kinds/organization-events", test_organization_events);
  SDB_TEST_ADD ("/history/kinds/member", test_member);
  SDB_TEST_ADD ("/history/kinds/member-exemption", test_member_exemption);
  SDB_TEST_ADD ("/history/kinds/admission-target", test_admission_target);
  SDB_TEST_ADD ("/history/kinds/organization-rating", test_organization_rating);
  SDB_TEST_ADD ("/history/kinds/member-rating", test_member_rating);
  SDB_TEST_ADD ("/history/kinds/meeting", test_meeting);
  SDB_TEST_ADD ("/history/kinds/award", test_award);
  SDB_TEST_ADD ("/history/kinds/award-of-deleted-meeting", test_award_of_deleted_meeting);
  SDB_TEST_ADD ("/history/kinds/badge", test_badge);
  SDB_TEST_ADD ("/history/kinds/member-delete-cascades", test_member_delete_cascades);
  SDB_TEST_ADD ("/history/kinds/reused-id-keeps-records-apart",
                test_reused_id_keeps_records_apart);

  return g_test_run ();
}
