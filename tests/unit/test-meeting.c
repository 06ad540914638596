/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sdb-database-private.h"
#include "sdb-meeting.h"
#include "sdb-test.h"

static SdbMeeting *
make_meeting (const char     *date,
              const char     *number,
              SdbMeetingKind  kind)
{
  SdbMeeting *meeting = sdb_meeting_new ();

  if (date != NULL)
    {
      SdbDate d = sdb_test_date (date);

      sdb_meeting_set_date (meeting, &d);
    }
  sdb_meeting_set_number (meeting, number);
  sdb_meeting_set_symbol (meeting, "BB/HU");
  sdb_meeting_set_kind (meeting, kind);
  return meeting;
}

static SdbMeetingAttendee *
add_attendee (SdbMeeting    *meeting,
              SdbAttendance  attendance,
              const char    *name,
              const char    *reason)
{
  g_autoptr(SdbMeetingAttendee) attendee = sdb_meeting_attendee_new ();

  sdb_meeting_attendee_set_attendance (attendee, attendance);
  sdb_meeting_attendee_set_name (attendee, name);
  sdb_meeting_attendee_set_reason (attendee, reason);
  sdb_meeting_add_attendee (meeting, attendee);
  return attendee;   /* borrowed: the meeting holds it */
}

static SdbMeetingDocument *
add_document (SdbMeeting *meeting,
              const char *number,
              const char *symbol,
              const char *date,
              const char *title)
{
  g_autoptr(SdbMeetingDocument) document = sdb_meeting_document_new ();

  sdb_meeting_document_set_number (document, number);
  sdb_meeting_document_set_symbol (document, symbol);
  if (date != NULL)
    {
      SdbDate d = sdb_test_date (date);

      sdb_meeting_document_set_date (document, &d);
    }
  sdb_meeting_document_set_title (document, title);
  sdb_meeting_add_document (meeting, document);
  return document;
}

static SdbMeeting *
insert_meeting (SdbTestFixture *f,
                const char     *date,
                const char     *number,
                SdbMeetingKind  kind)
{
  g_autoptr(GError) error = NULL;
  SdbMeeting *meeting = make_meeting (date, number, kind);

  sdb_meeting_insert (f->db, meeting, f->problems, &error);
  g_assert_no_error (error);
  return meeting;
}

static SdbMeeting *
lookup (SdbTestFixture *f,
        SdbMeeting     *meeting)
{
  g_autoptr(GError) error = NULL;
  SdbMeeting *read = sdb_meeting_lookup (f->db, sdb_meeting_get_id (meeting), &error);

  g_assert_no_error (error);
  g_assert_nonnull (read);
  return read;
}

static void
exec_sql (SdbTestFixture *f,
          const char     *sql)
{
  char *message = NULL;

  if (sqlite3_exec (sdb_database_get_handle (f->db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A member row is all an attendee links to; the member module is not under test here. */
static gint64
insert_member (SdbTestFixture *f,
               const char     *code)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO member (code, full_name, name_key, search_key, gender)"
                     " VALUES ('%s', 'Lò Văn Pọm', X'00', 'lo van pom', 'male')", code);

  exec_sql (f, sql);
  return sdb_database_last_insert_id (f->db);
}

static void
assert_attendee_names (SdbMeeting *meeting,
                       const char *const *names)
{
  GListModel *attendees = sdb_meeting_get_attendees (meeting);

  g_assert_cmpuint (g_list_model_get_n_items (attendees), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(SdbMeetingAttendee) attendee = g_list_model_get_item (attendees, i);

      g_assert_cmpstr (sdb_meeting_attendee_get_name (attendee), ==, names[i]);
    }
}

/* Operations ----------------------------------------------------------------------------------- */

static void
test_insert_with_children_reads_back (SdbTestFixture *f,
                                      gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2023-11-20", "15", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) read = NULL;
  g_autoptr(SdbMeetingAttendee) first = NULL;
  g_autoptr(SdbMeetingAttendee) second = NULL;
  g_autoptr(SdbMeetingDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  SdbMeetingAttendee *attendee;
  gint64 member_id = insert_member (f, "DV001");

  sdb_meeting_set_start_time (meeting, "07:30");
  sdb_meeting_set_end_time (meeting, "11:00");
  sdb_meeting_set_place (meeting, "Hội trường Huyện ủy");
  sdb_meeting_set_chair_name (meeting, "Lò Văn Pọm");
  sdb_meeting_set_chair_position (meeting, "Bí thư Huyện ủy");
  sdb_meeting_set_secretary (meeting, "Quàng Thị Xuân");
  sdb_meeting_set_content (meeting, "Quán triệt Nghị quyết");
  sdb_meeting_set_conclusions (meeting, "Thống nhất");
  sdb_meeting_set_vote_method (meeting, "Giơ tay");
  sdb_meeting_set_vote_result (meeting, "100%");
  attendee = add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn Pọm", "");
  sdb_meeting_attendee_set_title (attendee, "Bí thư Huyện ủy");
  sdb_meeting_attendee_set_member_id (attendee, member_id);
  add_attendee (meeting, SDB_ATTENDANCE_ABSENT, "Cầm Văn Inh", "Đi công tác");
  add_document (meeting, "33", "NQ/TU", "2023-11-01", "Nghị quyết về chuyển đổi số");

  g_assert_true (sdb_meeting_insert (f->db, meeting, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_meeting_get_id (meeting), >, 0);
  g_assert_cmpuint (f->problems->len, ==, 0);

  read = lookup (f, meeting);
  g_assert_true (sdb_meeting_get_children_loaded (read));
  g_assert_cmpstr (sdb_meeting_get_number (read), ==, "15");
  g_assert_cmpstr (sdb_meeting_get_symbol (read), ==, "BB/HU");
  g_assert_cmpint (sdb_date_compare (sdb_meeting_get_date (read), sdb_meeting_get_date (meeting)),
                   ==, 0);
  g_assert_cmpstr (sdb_meeting_get_start_time (read), ==, "07:30");
  g_assert_cmpstr (sdb_meeting_get_end_time (read), ==, "11:00");
  g_assert_cmpstr (sdb_meeting_get_place (read), ==, "Hội trường Huyện ủy");
  g_assert_cmpint (sdb_meeting_get_kind (read), ==, SDB_MEETING_KIND_EXECUTIVE);
  g_assert_cmpstr (sdb_meeting_get_chair_name (read), ==, "Lò Văn Pọm");
  g_assert_cmpstr (sdb_meeting_get_chair_position (read), ==, "Bí thư Huyện ủy");
  g_assert_cmpstr (sdb_meeting_get_secretary (read), ==, "Quàng Thị Xuân");
  g_assert_cmpstr (sdb_meeting_get_content (read), ==, "Quán triệt Nghị quyết");
  g_assert_cmpstr (sdb_meeting_get_conclusions (read), ==, "Thống nhất");
  g_assert_cmpstr (sdb_meeting_get_vote_method (read), ==, "Giơ tay");
  g_assert_cmpstr (sdb_meeting_get_vote_result (read), ==, "100%");

  assert_attendee_names (read, (const char *const[]) { "Lò Văn Pọm", "Cầm Văn Inh", NULL });
  first = g_list_model_get_item (sdb_meeting_get_attendees (read), 0);
  g_assert_cmpint (sdb_meeting_attendee_get_attendance (first), ==, SDB_ATTENDANCE_PRESENT);
  g_assert_cmpstr (sdb_meeting_attendee_get_title (first), ==, "Bí thư Huyện ủy");
  g_assert_cmpint (sdb_meeting_attendee_get_member_id (first), ==, member_id);
  second = g_list_model_get_item (sdb_meeting_get_attendees (read), 1);
  g_assert_cmpint (sdb_meeting_attendee_get_attendance (second), ==, SDB_ATTENDANCE_ABSENT);
  g_assert_cmpstr (sdb_meeting_attendee_get_reason (second), ==, "Đi công tác");
  g_assert_cmpint (sdb_meeting_attendee_get_member_id (second), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (sdb_meeting_get_documents (read)), ==, 1);
  document = g_list_model_get_item (sdb_meeting_get_documents (read), 0);
  g_assert_cmpstr (sdb_meeting_document_get_number (document), ==, "33");
  g_assert_cmpstr (sdb_meeting_document_get_symbol (document), ==, "NQ/TU");
  g_assert_cmpint (sdb_meeting_document_get_date (document)->day, ==, 1);
  g_assert_cmpstr (sdb_meeting_document_get_title (document), ==,
                   "Nghị quyết về chuyển đổi số");
}

/* Offices' sheets list meetings by their title; it survives an insert, an update and a list. */
static void
test_title_is_saved_and_read_back (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "15", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) read = NULL;
  g_autoptr(SdbMeeting) edited = NULL;
  g_autoptr(SdbMeeting) listed = NULL;
  g_autoptr(SdbMeeting) copy = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *property = NULL;

  sdb_meeting_set_title (meeting, "  Hội nghị Ban Chấp hành lần thứ 15 ");
  g_assert_cmpstr (sdb_meeting_get_title (meeting), ==, "Hội nghị Ban Chấp hành lần thứ 15");
  g_object_get (meeting, "title", &property, NULL);
  g_assert_cmpstr (property, ==, "Hội nghị Ban Chấp hành lần thứ 15");
  copy = sdb_meeting_copy (meeting);
  g_assert_cmpstr (sdb_meeting_get_title (copy), ==, "Hội nghị Ban Chấp hành lần thứ 15");
  g_assert_true (sdb_meeting_insert (f->db, meeting, f->problems, &error));
  g_assert_no_error (error);

  read = lookup (f, meeting);
  g_assert_cmpstr (sdb_meeting_get_title (read), ==, "Hội nghị Ban Chấp hành lần thứ 15");

  edited = sdb_meeting_copy (read);
  sdb_meeting_set_title (edited, "Hội nghị chuyên đề về chuyển đổi số");
  g_assert_true (sdb_meeting_update (f->db, edited, f->problems, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = lookup (f, meeting);
  g_assert_cmpstr (sdb_meeting_get_title (read), ==, "Hội nghị chuyên đề về chuyển đổi số");

  list = sdb_meeting_list (f->db, NULL, &error);
  g_assert_no_error (error);
  listed = g_list_model_get_item (list, 0);
  g_assert_cmpstr (sdb_meeting_get_title (listed), ==, "Hội nghị chuyên đề về chuyển đổi số");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting"
                                              " WHERE title LIKE 'Hội nghị chuyên đề về%'"), ==, 1);
}

/* The minutes list people in their own order (chair first, then by rank), not by name. */
static void
test_children_keep_minutes_order (SdbTestFixture *f,
                                  gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "2", SDB_MEETING_KIND_STANDING);
  g_autoptr(SdbMeeting) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbMeetingDocument) d0 = NULL;
  g_autoptr(SdbMeetingDocument) d1 = NULL;
  g_autoptr(SdbMeetingAttendee) moved = sdb_meeting_attendee_new ();

  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Vì Văn Xuân", "");
  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "An Thị Bình", "");
  add_attendee (meeting, SDB_ATTENDANCE_GUEST, "Hà Văn Cường", "");
  sdb_meeting_attendee_set_name (moved, "Đỗ Văn Dũng");
  sdb_meeting_insert_attendee (meeting, 1, moved);
  add_document (meeting, "99", "KH/HU", NULL, "");
  add_document (meeting, "1", "CT/TW", NULL, "");
  sdb_meeting_insert (f->db, meeting, f->problems, &error);
  g_assert_no_error (error);

  read = lookup (f, meeting);
  assert_attendee_names (read, (const char *const[]) { "Vì Văn Xuân", "Đỗ Văn Dũng",
                                                       "An Thị Bình", "Hà Văn Cường",
                                                       NULL });
  d0 = g_list_model_get_item (sdb_meeting_get_documents (read), 0);
  d1 = g_list_model_get_item (sdb_meeting_get_documents (read), 1);
  g_assert_cmpstr (sdb_meeting_document_get_number (d0), ==, "99");
  g_assert_cmpstr (sdb_meeting_document_get_number (d1), ==, "1");
}

static void
test_update_changes_fields (SdbTestFixture *f,
                            gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = insert_meeting (f, "2024-03-01", "5",
                                                  SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) edited = lookup (f, meeting);
  g_autoptr(SdbMeeting) read = NULL;
  g_autoptr(GError) error = NULL;

  sdb_meeting_set_place (edited, "Phòng họp số 2");
  sdb_meeting_set_kind (edited, SDB_MEETING_KIND_THEMATIC);
  /* Keeping its own number and symbol is no duplicate. */
  g_assert_true (sdb_meeting_update (f->db, edited, f->problems, &error));
  g_assert_no_error (error);
  g_assert_null (sdb_problems_find (f->problems, "number", SDB_SEVERITY_ERROR));

  read = lookup (f, meeting);
  g_assert_cmpstr (sdb_meeting_get_place (read), ==, "Phòng họp số 2");
  g_assert_cmpint (sdb_meeting_get_kind (read), ==, SDB_MEETING_KIND_THEMATIC);
  g_assert_cmpstr (sdb_meeting_get_number (read), ==, "5");
}

static void
test_update_replaces_children (SdbTestFixture *f,
                               gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "5", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) edited = NULL;
  g_autoptr(SdbMeeting) read = NULL;
  g_autoptr(SdbMeetingDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn B", "");
  add_document (meeting, "1", "NQ/TU", NULL, "");
  sdb_meeting_insert (f->db, meeting, f->problems, &error);
  g_assert_no_error (error);

  edited = lookup (f, meeting);
  sdb_meeting_remove_attendee (edited, 0);
  add_attendee (edited, SDB_ATTENDANCE_GUEST, "Lò Văn C", "");
  sdb_meeting_clear_documents (edited);
  add_document (edited, "2", "CT/TW", NULL, "");
  sdb_meeting_update (f->db, edited, f->problems, &error);
  g_assert_no_error (error);

  read = lookup (f, meeting);
  assert_attendee_names (read, (const char *const[]) { "Lò Văn B", "Lò Văn C", NULL });
  g_assert_cmpuint (g_list_model_get_n_items (sdb_meeting_get_documents (read)), ==, 1);
  document = g_list_model_get_item (sdb_meeting_get_documents (read), 0);
  g_assert_cmpstr (sdb_meeting_document_get_number (document), ==, "2");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting_attendee"), ==, 2);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting_document"), ==, 1);
}

/* The attendees as stored, in their order, each "name/attendance", and their seq. */
static char *
dup_stored_attendees (SdbTestFixture *f,
                      gint64          meeting_id,
                      char          **seqs)
{
  g_autofree char *names = g_strdup_printf ("SELECT group_concat (name || '/' || attendance, ',')"
                                            " FROM (SELECT * FROM meeting_attendee"
                                            " WHERE meeting_id = %" G_GINT64_FORMAT
                                            " ORDER BY seq)", meeting_id);
  g_autofree char *order = g_strdup_printf ("SELECT group_concat (seq, ',') FROM (SELECT seq"
                                            " FROM meeting_attendee WHERE meeting_id = %"
                                            G_GINT64_FORMAT " ORDER BY seq)", meeting_id);

  *seqs = sdb_test_query_text (f->db, order);
  return sdb_test_query_text (f->db, names);
}

/* Saving writes a list over the stored one by what changed (rows deleted, inserted, edited in
 * place, moved): whatever the edits, the stored list is then the one saved, numbered 0, 1, 2…
 * A few hundred random rounds of inserts, removals and edits, among names that repeat. */
static void
test_random_list_edits_are_stored_as_saved (SdbTestFixture *f,
                                            gconstpointer   data)
{
  static const char *const names[] = { "Lò Văn A", "Lò Văn B", "Cầm Thị C", "Lò Văn A" };
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "5", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);

  sdb_meeting_insert (f->db, meeting, f->problems, &error);
  g_assert_no_error (error);
  for (guint round = 0; round < 300; round++)
    {
      GListModel *attendees = sdb_meeting_get_attendees (meeting);
      guint n_edits = g_rand_int_range (rand, 1, 4);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) expected_seqs = g_string_new (NULL);
      g_autofree char *stored = NULL;
      g_autofree char *seqs = NULL;
      guint n;

      for (guint e = 0; e < n_edits; e++)
        {
          guint length = g_list_model_get_n_items (attendees);
          int what = g_rand_int_range (rand, 0, 3);

          if (what == 0 || length == 0)
            {
              g_autoptr(SdbMeetingAttendee) attendee = sdb_meeting_attendee_new ();

              sdb_meeting_attendee_set_attendance (attendee, SDB_ATTENDANCE_PRESENT);
              sdb_meeting_attendee_set_name (attendee,
                                             names[g_rand_int_range (rand, 0,
                                                                     G_N_ELEMENTS (names))]);
              if (length < 8)
                sdb_meeting_insert_attendee (meeting, g_rand_int_range (rand, 0, length + 1),
                                             attendee);
            }
          else if (what == 1)
            sdb_meeting_remove_attendee (meeting, g_rand_int_range (rand, 0, length));
          else
            {
              g_autoptr(SdbMeetingAttendee) attendee =
                g_list_model_get_item (attendees, g_rand_int_range (rand, 0, length));
              gboolean present = sdb_meeting_attendee_get_attendance (attendee)
                                 == SDB_ATTENDANCE_PRESENT;

              sdb_meeting_attendee_set_attendance (attendee, present ? SDB_ATTENDANCE_GUEST
                                                                     : SDB_ATTENDANCE_PRESENT);
            }
        }
      sdb_meeting_update (f->db, meeting, f->problems, &error);
      g_assert_no_error (error);

      n = g_list_model_get_n_items (attendees);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdbMeetingAttendee) attendee = g_list_model_get_item (attendees, i);

          g_string_append_printf (expected, "%s%s/%s", i > 0 ? "," : "",
                                  sdb_meeting_attendee_get_name (attendee),
                                  sdb_meeting_attendee_get_attendance (attendee)
                                  == SDB_ATTENDANCE_PRESENT ? "present" : "guest");
          g_string_append_printf (expected_seqs, "%s%u", i > 0 ? "," : "", i);
        }
      stored = dup_stored_attendees (f, sdb_meeting_get_id (meeting), &seqs);
      g_assert_cmpstr (stored, ==, expected->str);
      g_assert_cmpstr (seqs, ==, expected_seqs->str);
    }
}

static void
test_failed_update_keeps_children (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "5", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) edited = NULL;
  g_autoptr(SdbMeeting) read = NULL;
  g_autoptr(GError) error = NULL;

  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn B", "");
  add_document (meeting, "1", "NQ/TU", NULL, "");
  sdb_meeting_insert (f->db, meeting, f->problems, &error);
  g_assert_no_error (error);

  edited = lookup (f, meeting);
  sdb_meeting_clear_attendees (edited);
  sdb_meeting_clear_documents (edited);
  add_attendee (edited, SDB_ATTENDANCE_PRESENT, "", "");
  sdb_meeting_set_place (edited, "Nơi khác");
  g_assert_false (sdb_meeting_update (f->db, edited, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);

  read = lookup (f, meeting);
  assert_attendee_names (read, (const char *const[]) { "Lò Văn A", "Lò Văn B", NULL });
  g_assert_cmpuint (g_list_model_get_n_items (sdb_meeting_get_documents (read)), ==, 1);
  g_assert_cmpstr (sdb_meeting_get_place (read), ==, "");
}

/* A failure after the old children were deleted (here a trigger refusing one document) must
 * roll the whole save back. */
static void
test_failed_write_rolls_back_children (SdbTestFixture *f,
                                       gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "5", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) edited = NULL;
  g_autoptr(SdbMeeting) read = NULL;
  g_autoptr(GError) error = NULL;

  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  add_document (meeting, "1", "NQ/TU", NULL, "");
  sdb_meeting_insert (f->db, meeting, f->problems, &error);
  g_assert_no_error (error);
  exec_sql (f, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.meeting_document"
               " WHEN NEW.title = 'refuse' BEGIN SELECT RAISE (ABORT, 'refused'); END");

  edited = lookup (f, meeting);
  sdb_meeting_clear_attendees (edited);
  add_attendee (edited, SDB_ATTENDANCE_PRESENT, "Lò Văn Z", "");
  sdb_meeting_set_place (edited, "Nơi khác");
  add_document (edited, "2", "", NULL, "refuse");
  g_assert_false (sdb_meeting_update (f->db, edited, f->problems, &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID));

  read = lookup (f, meeting);
  assert_attendee_names (read, (const char *const[]) { "Lò Văn A", NULL });
  g_assert_cmpuint (g_list_model_get_n_items (sdb_meeting_get_documents (read)), ==, 1);
  g_assert_cmpstr (sdb_meeting_get_place (read), ==, "");
}

static void
test_failed_insert_leaves_nothing (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "5", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(GError) error = NULL;

  exec_sql (f, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.meeting_document"
               " WHEN NEW.title = 'refuse' BEGIN SELECT RAISE (ABORT, 'refused'); END");
  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  add_document (meeting, "2", "", NULL, "refuse");
  g_assert_false (sdb_meeting_insert (f->db, meeting, f->problems, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (sdb_meeting_get_id (meeting), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting_attendee"), ==, 0);
}

static void
test_update_of_deleted_is_not_found (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = insert_meeting (f, "2024-03-01", "5",
                                                  SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(GError) error = NULL;

  sdb_meeting_delete (f->db, sdb_meeting_get_id (meeting), &error);
  g_assert_no_error (error);
  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  g_assert_false (sdb_meeting_update (f->db, meeting, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting_attendee"), ==, 0);
}

static void
test_delete_cascades (SdbTestFixture *f,
                      gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "5", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) other = make_meeting ("2024-04-01", "6", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *award = NULL;

  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  add_document (meeting, "1", "NQ/TU", NULL, "");
  sdb_meeting_insert (f->db, meeting, f->problems, &error);
  g_assert_no_error (error);
  add_attendee (other, SDB_ATTENDANCE_PRESENT, "Lò Văn B", "");
  sdb_meeting_insert (f->db, other, f->problems, &error);
  g_assert_no_error (error);
  award = g_strdup_printf ("INSERT INTO award (year, person_name, form, meeting_id)"
                           " VALUES (2024, 'Lò Văn A', 'Giấy khen', %" G_GINT64_FORMAT ")",
                           sdb_meeting_get_id (meeting));
  exec_sql (f, award);

  g_assert_true (sdb_meeting_delete (f->db, sdb_meeting_get_id (meeting), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting"), ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting_attendee"), ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting_document"), ==, 0);
  /* The award was still presented; it only loses its link to the deleted minutes. */
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"
                                              " WHERE meeting_id IS NULL"), ==, 1);

  read = sdb_meeting_lookup (f->db, sdb_meeting_get_id (meeting), &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sdb_meeting_delete (f->db, sdb_meeting_get_id (meeting), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static GListModel *
list (SdbTestFixture *f,
      int             year,
      int             kind,
      const char     *search)
{
  SdbMeetingFilter filter = { year, kind, search };
  g_autoptr(GError) error = NULL;
  GListModel *meetings = sdb_meeting_list (f->db, &filter, &error);

  g_assert_no_error (error);
  return meetings;
}

static void
assert_list_ids (GListModel  *meetings,
                 SdbMeeting **expected,
                 guint        n)
{
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdbMeeting) item = g_list_model_get_item (meetings, i);

      g_assert_cmpint (sdb_meeting_get_id (item), ==, sdb_meeting_get_id (expected[i]));
    }
}

static void
test_list_ordered_by_date_then_number (SdbTestFixture *f,
                                       gconstpointer   data)
{
  g_autoptr(SdbMeeting) later = insert_meeting (f, "2024-05-02", "1", SDB_MEETING_KIND_STANDING);
  g_autoptr(SdbMeeting) ten = insert_meeting (f, "2024-05-01", "10", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) nine = insert_meeting (f, "2024-05-01", "9", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) first = insert_meeting (f, "2023-12-30", "40", SDB_MEETING_KIND_OTHER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = sdb_meeting_list (f->db, NULL, &error);

  g_assert_no_error (error);
  /* "9" before "10": numbers compare as numbers. */
  assert_list_ids (all, (SdbMeeting *[]) { first, nine, ten, later }, 4);
}

static void
test_list_by_year_and_kind (SdbTestFixture *f,
                            gconstpointer   data)
{
  g_autoptr(SdbMeeting) a = insert_meeting (f, "2023-12-31", "1", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) b = insert_meeting (f, "2024-01-01", "1", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) c = insert_meeting (f, "2024-12-31", "2", SDB_MEETING_KIND_STANDING);
  g_autoptr(SdbMeeting) d = insert_meeting (f, "2025-01-01", "1", SDB_MEETING_KIND_STANDING);
  g_autoptr(GListModel) y2024 = list (f, 2024, -1, NULL);
  g_autoptr(GListModel) standing = list (f, 0, SDB_MEETING_KIND_STANDING, NULL);
  g_autoptr(GListModel) both = list (f, 2024, SDB_MEETING_KIND_EXECUTIVE, NULL);
  g_autoptr(GListModel) all = list (f, 0, -1, "");

  assert_list_ids (y2024, (SdbMeeting *[]) { b, c }, 2);
  assert_list_ids (standing, (SdbMeeting *[]) { c, d }, 2);
  assert_list_ids (both, (SdbMeeting *[]) { b }, 1);
  assert_list_ids (all, (SdbMeeting *[]) { a, b, c, d }, 4);
}

static void
test_list_items_have_no_children (SdbTestFixture *f,
                                  gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "5", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(SdbMeeting) item = NULL;
  g_autoptr(SdbMeeting) copy = NULL;

  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  sdb_meeting_insert (f->db, meeting, f->problems, &error);
  g_assert_no_error (error);

  meetings = list (f, 0, -1, NULL);
  item = g_list_model_get_item (meetings, 0);
  g_assert_false (sdb_meeting_get_children_loaded (item));
  g_assert_cmpuint (g_list_model_get_n_items (sdb_meeting_get_attendees (item)), ==, 0);
  copy = sdb_meeting_copy (item);
  g_assert_false (sdb_meeting_get_children_loaded (copy));
  g_assert_true (sdb_meeting_get_children_loaded (meeting));
}

static void
test_search_ignores_diacritics (SdbTestFixture *f,
                                gconstpointer   data)
{
  g_autoptr(SdbMeeting) hall = make_meeting ("2024-03-01", "5", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) other = make_meeting ("2024-03-02", "6", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plain = NULL;
  g_autoptr(GListModel) accented = NULL;
  g_autoptr(GListModel) content = NULL;
  g_autoptr(GListModel) reference = NULL;
  g_autoptr(GListModel) none = NULL;

  sdb_meeting_set_place (hall, "Hội trường Đảng ủy xã");
  sdb_meeting_set_content (other, "Quán triệt Nghị quyết Trung ương");
  sdb_meeting_insert (f->db, hall, f->problems, &error);
  g_assert_no_error (error);
  sdb_meeting_insert (f->db, other, f->problems, &error);
  g_assert_no_error (error);

  plain = list (f, 0, -1, "hoi truong dang uy");
  assert_list_ids (plain, (SdbMeeting *[]) { hall }, 1);
  /* NFD input, as some input methods send it, finds the NFC text. */
  accented = list (f, 0, -1, "HO\xcc\x82\xcc\xa3I TRU\xcc\x9bO\xcc\x9b\xcc\x80NG");
  assert_list_ids (accented, (SdbMeeting *[]) { hall }, 1);
  content = list (f, 0, -1, "nghi quyet");
  assert_list_ids (content, (SdbMeeting *[]) { other }, 1);
  reference = list (f, 0, -1, "6-bb/hu");
  assert_list_ids (reference, (SdbMeeting *[]) { other }, 1);
  none = list (f, 0, -1, "chuyen de");
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
}

static void
test_copy_is_deep (SdbTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "5", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) copy = NULL;
  g_autoptr(SdbMeetingAttendee) copied = NULL;
  SdbMeetingAttendee *attendee;

  sdb_meeting_set_place (meeting, "Hội trường");
  attendee = add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  add_document (meeting, "1", "NQ/TU", "2024-01-05", "");

  copy = sdb_meeting_copy (meeting);
  g_assert_cmpstr (sdb_meeting_get_place (copy), ==, "Hội trường");
  g_assert_cmpstr (sdb_meeting_get_number (copy), ==, "5");
  g_assert_cmpuint (g_list_model_get_n_items (sdb_meeting_get_documents (copy)), ==, 1);
  copied = g_list_model_get_item (sdb_meeting_get_attendees (copy), 0);
  g_assert_true (copied != attendee);
  sdb_meeting_attendee_set_name (attendee, "Lò Văn B");
  g_assert_cmpstr (sdb_meeting_attendee_get_name (copied), ==, "Lò Văn A");
  sdb_meeting_remove_document (meeting, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sdb_meeting_get_documents (copy)), ==, 1);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_setters_notify_only_on_change (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = sdb_meeting_new ();
  g_autoptr(SdbMeetingAttendee) attendee = sdb_meeting_attendee_new ();
  SdbDate date = sdb_test_date ("2024-03-01");
  guint count = 0;
  guint attendee_count = 0;

  g_signal_connect (meeting, "notify", G_CALLBACK (on_notify), &count);
  g_signal_connect (attendee, "notify", G_CALLBACK (on_notify), &attendee_count);
  sdb_meeting_set_place (meeting, "Hội trường");
  sdb_meeting_set_place (meeting, "  Hội trường ");
  sdb_meeting_set_date (meeting, &date);
  sdb_meeting_set_date (meeting, &date);
  sdb_meeting_set_start_time (meeting, "07:30");
  sdb_meeting_set_start_time (meeting, "7h30");
  sdb_meeting_set_kind (meeting, SDB_MEETING_KIND_EXECUTIVE);
  g_assert_cmpuint (count, ==, 3);

  sdb_meeting_attendee_set_name (attendee, "Lò Văn A");
  sdb_meeting_attendee_set_name (attendee, "Lò Văn A");
  sdb_meeting_attendee_set_member_id (attendee, 0);
  g_assert_cmpuint (attendee_count, ==, 1);
}

/* Clerks write "7h30" or "7:30"; the record holds "07:30". */
static void
test_times_are_normalized (SdbTestFixture *f,
                           gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = sdb_meeting_new ();

  sdb_meeting_set_start_time (meeting, "7h30");
  g_assert_cmpstr (sdb_meeting_get_start_time (meeting), ==, "07:30");
  sdb_meeting_set_start_time (meeting, " 7:05 ");
  g_assert_cmpstr (sdb_meeting_get_start_time (meeting), ==, "07:05");
  sdb_meeting_set_end_time (meeting, "14h");
  g_assert_cmpstr (sdb_meeting_get_end_time (meeting), ==, "14:00");
  sdb_meeting_set_end_time (meeting, "11.30");
  g_assert_cmpstr (sdb_meeting_get_end_time (meeting), ==, "11:30");
  sdb_meeting_set_end_time (meeting, "25:00");
  g_assert_cmpstr (sdb_meeting_get_end_time (meeting), ==, "25:00");
  sdb_meeting_set_end_time (meeting, NULL);
  g_assert_cmpstr (sdb_meeting_get_end_time (meeting), ==, "");
}

static void
test_reference_format (SdbTestFixture *f,
                       gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "15", SDB_MEETING_KIND_EXECUTIVE);
  g_autofree char *full = NULL;
  g_autofree char *number_only = NULL;
  g_autofree char *none = NULL;

  full = sdb_meeting_dup_reference (meeting);
  g_assert_cmpstr (full, ==, "15-BB/HU");
  sdb_meeting_set_symbol (meeting, "");
  number_only = sdb_meeting_dup_reference (meeting);
  g_assert_cmpstr (number_only, ==, "15");
  sdb_meeting_set_number (meeting, "");
  none = sdb_meeting_dup_reference (meeting);
  g_assert_cmpstr (none, ==, "");
}

static void
test_document_reference_format (SdbTestFixture *f,
                                gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = sdb_meeting_new ();
  SdbMeetingDocument *resolution = add_document (meeting, "33", "NQ/TU", "2023-11-20", "");
  SdbMeetingDocument *directive = add_document (meeting, "26", "CT/TW", "2023", "");
  SdbMeetingDocument *early = add_document (meeting, "5", "QĐ/TU", "2024-02-05", "");
  g_autofree char *a = sdb_meeting_document_dup_reference (resolution);
  g_autofree char *b = sdb_meeting_document_dup_reference (directive);
  g_autofree char *c = sdb_meeting_document_dup_reference (early);

  g_assert_cmpstr (a, ==, "33-NQ/TU ngày 20/11/2023");
  /* Only a full date is cited. */
  g_assert_cmpstr (b, ==, "26-CT/TW");
  g_assert_cmpstr (c, ==, "5-QĐ/TU ngày 05/02/2024");
}

/* Validation ----------------------------------------------------------------------------------- */

static void
assert_refused (SdbTestFixture *f,
                SdbMeeting     *meeting,
                const char     *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_meeting_insert (f->db, meeting, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, field, SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_meeting_get_id (meeting), ==, 0);
}

static void
test_date_required (SdbTestFixture *f,
                    gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting (NULL, "1", SDB_MEETING_KIND_EXECUTIVE);

  assert_refused (f, meeting, "date");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting"), ==, 0);
}

static void
test_partial_date_refused (SdbTestFixture *f,
                           gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03", "1", SDB_MEETING_KIND_EXECUTIVE);

  assert_refused (f, meeting, "date");
}

static void
test_impossible_date_refused (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting (NULL, "1", SDB_MEETING_KIND_EXECUTIVE);
  SdbDate date = { 2023, 2, 29 };

  sdb_meeting_set_date (meeting, &date);
  assert_refused (f, meeting, "date");
}

static void
test_invalid_kind_refused (SdbTestFixture *f,
                           gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "1", (SdbMeetingKind) 42);

  assert_refused (f, meeting, "kind");
}

static void
test_bad_time_refused (SdbTestFixture *f,
                       gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "1", SDB_MEETING_KIND_EXECUTIVE);

  sdb_meeting_set_start_time (meeting, "24:00");
  sdb_meeting_set_end_time (meeting, "10:7");
  assert_refused (f, meeting, "start-time");
  sdb_test_assert_problem (f->problems, "end-time", SDB_SEVERITY_ERROR);
}

static void
test_end_before_start_refused (SdbTestFixture *f,
                               gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "1", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(GError) error = NULL;

  sdb_meeting_set_start_time (meeting, "14:00");
  sdb_meeting_set_end_time (meeting, "08:00");
  assert_refused (f, meeting, "end-time");
  g_assert_null (sdb_problems_find (f->problems, "start-time", SDB_SEVERITY_ERROR));

  /* Only the start recorded is fine. */
  g_ptr_array_set_size (f->problems, 0);
  sdb_meeting_set_end_time (meeting, "");
  g_assert_true (sdb_meeting_insert (f->db, meeting, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_duplicate_number_same_year_refused (SdbTestFixture *f,
                                         gconstpointer   data)
{
  g_autoptr(SdbMeeting) first = insert_meeting (f, "2024-01-10", "15",
                                                SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) again = make_meeting ("2024-11-10", "15", SDB_MEETING_KIND_STANDING);
  g_autoptr(SdbMeeting) other_symbol = make_meeting ("2024-11-10", "15",
                                                     SDB_MEETING_KIND_STANDING);
  g_autoptr(GError) error = NULL;

  assert_refused (f, again, "number");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting"), ==, 1);

  /* Another series ("BB/ĐU") may reuse the number. */
  sdb_meeting_set_symbol (other_symbol, "BB/ĐU");
  g_assert_true (sdb_meeting_insert (f->db, other_symbol, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_same_number_other_year_accepted (SdbTestFixture *f,
                                      gconstpointer   data)
{
  g_autoptr(SdbMeeting) first = insert_meeting (f, "2023-12-31", "15",
                                                SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(SdbMeeting) next_year = make_meeting ("2024-01-01", "15", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_meeting_insert (f->db, next_year, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_attendee_name_required (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "1", SDB_MEETING_KIND_EXECUTIVE);

  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn B", "");
  add_attendee (meeting, SDB_ATTENDANCE_GUEST, "   ", "");
  assert_refused (f, meeting, "attendees[2].name");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting_attendee"), ==, 0);
}

static void
test_absent_without_reason_warns_and_saves (SdbTestFixture *f,
                                            gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "1", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(GError) error = NULL;

  add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  add_attendee (meeting, SDB_ATTENDANCE_ABSENT, "Lò Văn B", "");
  add_attendee (meeting, SDB_ATTENDANCE_ABSENT, "Lò Văn C", "Ốm");
  g_assert_true (sdb_meeting_insert (f->db, meeting, f->problems, &error));
  g_assert_no_error (error);
  sdb_test_assert_problem (f->problems, "attendees[1].reason", SDB_SEVERITY_WARNING);
  g_assert_cmpuint (f->problems->len, ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting_attendee"), ==, 3);
}

static void
test_unknown_member_refused (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "1", SDB_MEETING_KIND_EXECUTIVE);
  gint64 member_id = insert_member (f, "DV001");
  SdbMeetingAttendee *known, *unknown;

  known = add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn A", "");
  sdb_meeting_attendee_set_member_id (known, member_id);
  unknown = add_attendee (meeting, SDB_ATTENDANCE_PRESENT, "Lò Văn B", "");
  sdb_meeting_attendee_set_member_id (unknown, member_id + 100);
  assert_refused (f, meeting, "attendees[1].member-id");
  g_assert_null (sdb_problems_find (f->problems, "attendees[0].member-id", SDB_SEVERITY_ERROR));
}

static void
test_document_needs_number_or_title (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "1", SDB_MEETING_KIND_EXECUTIVE);

  add_document (meeting, "", "", NULL, "Báo cáo chính trị");
  add_document (meeting, "26", "CT/TW", NULL, "");
  add_document (meeting, "", "NQ/TU", "2024-01-05", "");
  assert_refused (f, meeting, "documents[2].number");
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_document_bad_date_refused (SdbTestFixture *f,
                                gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "1", SDB_MEETING_KIND_EXECUTIVE);
  SdbMeetingDocument *document = add_document (meeting, "33", "NQ/TU", NULL, "");
  SdbDate date = { 2023, 4, 31 };

  sdb_meeting_document_set_date (document, &date);
  assert_refused (f, meeting, "documents[0].date");
}

static void
test_document_after_meeting_refused (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = make_meeting ("2024-03-01", "1", SDB_MEETING_KIND_EXECUTIVE);
  g_autoptr(GError) error = NULL;

  add_document (meeting, "1", "NQ/TU", "2024-03-01", "");   /* issued at the meeting */
  add_document (meeting, "2", "NQ/TU", "2024-03-02", "");
  add_document (meeting, "3", "NQ/TU", "2024", "");          /* could be before: fine */
  add_document (meeting, "4", "NQ/TU", "2024-04", "");
  assert_refused (f, meeting, "documents[1].date");
  sdb_test_assert_problem (f->problems, "documents[3].date", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 2);

  g_ptr_array_set_size (f->problems, 0);
  sdb_meeting_remove_document (meeting, 3);
  sdb_meeting_remove_document (meeting, 1);
  g_assert_true (sdb_meeting_insert (f->db, meeting, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_problems_reported_together (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = sdb_meeting_new ();

  sdb_meeting_set_start_time (meeting, "nine");
  add_attendee (meeting, SDB_ATTENDANCE_ABSENT, "", "");
  add_document (meeting, "", "", NULL, "");
  assert_refused (f, meeting, "date");
  sdb_test_assert_problem (f->problems, "start-time", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "attendees[0].name", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "attendees[0].reason", SDB_SEVERITY_WARNING);
  sdb_test_assert_problem (f->problems, "documents[0].number", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 5);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/meeting/insert-with-children-reads-back",
                test_insert_with_children_reads_back);
  SDB_TEST_ADD ("/core/meeting/title-is-saved-and-read-back", test_title_is_saved_and_read_back);
  SDB_TEST_ADD ("/core/meeting/children-keep-minutes-order", test_children_keep_minutes_order);
  SDB_TEST_ADD ("/core/meeting/update-changes-fields", test_update_changes_fields);
  SDB_TEST_ADD ("/core/meeting/update-replaces-children", test_update_replaces_children);
  SDB_TEST_ADD ("/core/meeting/random-list-edits-are-stored-as-saved",
                test_random_list_edits_are_stored_as_saved);
  SDB_TEST_ADD ("/core/meeting/failed-update-keeps-children", test_failed_update_keeps_children);
  SDB_TEST_ADD ("/core/meeting/failed-write-rolls-back-children",
                test_failed_write_rolls_back_children);
  SDB_TEST_ADD ("/core/meeting/failed-insert-leaves-nothing", test_failed_insert_leaves_nothing);
  SDB_TEST_ADD ("/core/meeting/update-of-deleted-is-not-found",
                test_update_of_deleted_is_not_found);
  SDB_TEST_ADD ("/core/meeting/delete-cascades", test_delete_cascades);
  SDB_TEST_ADD ("/core/meeting/list-ordered-by-date-then-number",
                test_list_ordered_by_date_then_number);
  SDB_TEST_ADD ("/core/meeting/list-by-year-and-kind", test_list_by_year_and_kind);
  SDB_TEST_ADD ("/core/meeting/list-items-have-no-children", test_list_items_have_no_children);
  SDB_TEST_ADD ("/core/meeting/search-ignores-diacritics", test_search_ignores_diacritics);
  SDB_TEST_ADD ("/core/meeting/copy-is-deep", test_copy_is_deep);
  SDB_TEST_ADD ("/core/meeting/setters-notify-only-on-change",
                test_setters_notify_only_on_change);
  SDB_TEST_ADD ("/core/meeting/times-are-normalized", test_times_are_normalized);
  SDB_TEST_ADD ("/core/meeting/reference-format", test_reference_format);
  SDB_TEST_ADD ("/core/meeting/document-reference-format", test_document_reference_format);

  SDB_TEST_ADD ("/core/meeting/date-required", test_date_required);
  SDB_TEST_ADD ("/core/meeting/partial-date-refused", test_partial_date_refused);
  SDB_TEST_ADD ("/core/meeting/impossible-date-refused", test_impossible_date_refused);
  SDB_TEST_ADD ("/core/meeting/invalid-kind-refused", test_invalid_kind_refused);
  SDB_TEST_ADD ("/core/meeting/bad-time-refused", test_bad_time_refused);
  SDB_TEST_ADD ("/core/meeting/end-before-start-refused", test_end_before_start_refused);
  SDB_TEST_ADD ("/core/meeting/duplicate-number-same-year-refused",
                test_duplicate_number_same_year_refused);
  SDB_TEST_ADD ("/core/meeting/same-number-other-year-accepted",
                test_same_number_other_year_accepted);
  SDB_TEST_ADD ("/core/meeting/attendee-name-required", test_attendee_name_required);
  SDB_TEST_ADD ("/core/meeting/absent-without-reason-warns-and-saves",
                test_absent_without_reason_warns_and_saves);
  SDB_TEST_ADD ("/core/meeting/unknown-member-refused", test_unknown_member_refused);
  SDB_TEST_ADD ("/core/meeting/document-needs-number-or-title",
                test_document_needs_number_or_title);
  SDB_TEST_ADD ("/core/meeting/document-bad-date-refused", test_document_bad_date_refused);
  SDB_TEST_ADD ("/core/meeting/document-after-meeting-refused",
                test_document_after_meeting_refused);
  SDB_TEST_ADD ("/core/meeting/problems-reported-together", test_problems_reported_together);

  return g_test_run ();
}
