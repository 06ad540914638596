/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "sdb-badge.h"
#include "sdb-report.h"
#include "sdb-test.h"

/* The review is written from plain figures, so these tests fill the figures by hand and need no
 * database. */
static SdbStats *
new_stats (const char *committee)
{
  SdbStats *stats = g_new0 (SdbStats, 1);

  stats->year = 2024;
  stats->committee = g_strdup (committee);
  return stats;
}

static void
free_stats (SdbStats *stats)
{
  g_free (stats->committee);
  g_free (stats);
}

static void
set_grades (SdbRatingCounts *counts,
            gint64           excellent,
            gint64           good,
            gint64           done,
            gint64           failed)
{
  counts->grades[SDB_GRADE_EXCELLENT] = excellent;
  counts->grades[SDB_GRADE_GOOD] = good;
  counts->grades[SDB_GRADE_DONE] = done;
  counts->grades[SDB_GRADE_FAILED] = failed;
  counts->rated = excellent + good + done + failed;
}

/* Asserts the whole text: the two title lines, then each paragraph given, separated by blank
 * lines; frees @stats. */
static void
assert_report (SdbStats *stats,
               ...)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *text = sdb_report_write (stats);
  const char *paragraph;
  va_list args;

  g_string_append_printf (expected, "SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM %d\n%s\n", stats->year,
                          stats->committee);
  va_start (args, stats);
  while ((paragraph = va_arg (args, const char *)) != NULL)
    g_string_append_printf (expected, "\n%s\n", paragraph);
  va_end (args);

  g_assert_cmpstr (text, ==, expected->str);
  free_stats (stats);
}

static SdbStats *
domain_example (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  stats->has_organizations = TRUE;
  stats->organizations[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO] = 2;
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO] = 27;
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC] = 11;
  stats->has_members = TRUE;
  stats->total = 1236;
  stats->official = 1190;
  stats->probationary = 46;
  stats->exempt = 3;
  stats->admitted = 37;
  stats->has_target = TRUE;
  stats->target = 35;
  stats->has_organization_ratings = TRUE;
  set_grades (&stats->organization_ratings, 4, 22, 3, 0);
  return stats;
}

/* The whole committee -------------------------------------------------------------------------- */

static void
test_whole_committee_paragraph_matches_domain_example (void)
{
  SdbStats *stats = domain_example ();
  g_autofree char *text = sdb_report_write (stats);

  g_assert_cmpstr (text, ==,
                   "SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2024\n"
                   "Đảng bộ xã Minh Tân\n"
                   "\n"
                   "Đến hết năm 2024, Đảng bộ xã Minh Tân có 29 tổ chức cơ sở đảng, gồm 2 đảng bộ"
                   " cơ sở và 27 chi bộ cơ sở, 11 chi bộ trực thuộc, với tổng số 1.236 đảng viên"
                   " (1.190 đảng viên chính thức, 46 đảng viên dự bị), trong đó 3 đảng viên được"
                   " miễn công tác và sinh hoạt đảng.\n"
                   "\n"
                   "Trong năm kết nạp được 37/35 đảng viên, đạt 105,7% chỉ tiêu, vượt 5,7% so với"
                   " chỉ tiêu.\n"
                   "\n"
                   "Trong 29 tổ chức cơ sở đảng được xếp loại, có 4 tổ chức hoàn thành xuất sắc"
                   " nhiệm vụ (13,8%), 22 hoàn thành tốt nhiệm vụ (75,9%), 3 hoàn thành nhiệm vụ"
                   " (10,3%); 26/29 tổ chức hoàn thành tốt nhiệm vụ trở lên (89,7%).\n");
  free_stats (stats);
}

static void
test_upper_level_committees_come_first (void)
{
  SdbStats *stats = new_stats ("Đảng bộ tỉnh Sơn La");

  stats->has_organizations = TRUE;
  stats->organizations[SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO] = 3;
  stats->organizations[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO] = 20;
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO] = 9;
  stats->organizations[SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN] = 4;
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC] = 1;
  assert_report (stats,
                 "Đến hết năm 2024, Đảng bộ tỉnh Sơn La có 3 đảng bộ cấp trên cơ sở, 29 tổ chức"
                 " cơ sở đảng, gồm 20 đảng bộ cơ sở và 9 chi bộ cơ sở, 4 đảng bộ bộ phận,"
                 " 1 chi bộ trực thuộc.",
                 NULL);
}

static void
test_one_kind_of_grassroots_has_no_breakdown (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Mường Lạn");

  stats->has_organizations = TRUE;
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO] = 14;
  assert_report (stats, "Đến hết năm 2024, Đảng bộ xã Mường Lạn có 14 tổ chức cơ sở đảng.", NULL);
}

static void
test_members_without_organizations (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  /* No probationary and no exempt member: neither is mentioned. */
  stats->has_members = TRUE;
  stats->total = 1190;
  stats->official = 1190;
  stats->admitted = 0;
  assert_report (stats,
                 "Đến hết năm 2024, Đảng bộ xã Minh Tân có tổng số 1.190 đảng viên (1.190 đảng"
                 " viên chính thức).",
                 "Trong năm chưa kết nạp được đảng viên nào.",
                 NULL);
}

static void
test_movement_lists_only_what_happened (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  stats->has_members = TRUE;
  stats->total = 120;
  stats->official = 115;
  stats->probationary = 5;
  stats->admitted = 5;
  stats->readmitted = 1;
  stats->transferred_in = 4;
  stats->transferred_out = 2;
  stats->left[SDB_LEAVING_REASON_DIED] = 5;
  stats->left[SDB_LEAVING_REASON_STRUCK_OFF] = 1;
  stats->left[SDB_LEAVING_REASON_EXPELLED] = 1;
  stats->left[SDB_LEAVING_REASON_RESIGNED] = 1;
  assert_report (stats,
                 "Đến hết năm 2024, Đảng bộ xã Minh Tân có tổng số 120 đảng viên (115 đảng viên"
                 " chính thức, 5 đảng viên dự bị). Trong năm kết nạp lại 1 đảng viên; tiếp nhận"
                 " 4 đảng viên chuyển đến; chuyển đi 2 đảng viên; có 5 đảng viên từ trần; xóa tên"
                 " 1 đảng viên; khai trừ 1 đảng viên; có 1 đảng viên xin ra khỏi Đảng.",
                 "Trong năm kết nạp được 5 đảng viên.",
                 NULL);

  stats = new_stats ("Đảng bộ xã Minh Tân");
  stats->has_members = TRUE;
  stats->total = 120;
  stats->official = 120;
  stats->admitted = 5;
  stats->left[SDB_LEAVING_REASON_DIED] = 2;
  assert_report (stats,
                 "Đến hết năm 2024, Đảng bộ xã Minh Tân có tổng số 120 đảng viên (120 đảng viên"
                 " chính thức). Trong năm có 2 đảng viên từ trần.",
                 "Trong năm kết nạp được 5 đảng viên.",
                 NULL);
}

/* One organization ----------------------------------------------------------------------------- */

static void
test_one_organization_lists_what_is_below_it (void)
{
  SdbStats *stats = new_stats ("Đảng bộ Trường THPT Minh Tân");

  stats->organization_id = 7;
  stats->organization_kind = SDB_ORGANIZATION_KIND_DANG_BO_CO_SO;
  stats->has_organizations = TRUE;
  stats->organizations[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO] = 1;
  stats->organizations[SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN] = 1;
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC] = 2;
  stats->has_members = TRUE;
  stats->total = 41;
  stats->official = 38;
  stats->probationary = 3;
  stats->admitted = 2;
  assert_report (stats,
                 "Đến hết năm 2024, Đảng bộ Trường THPT Minh Tân có 1 đảng bộ bộ phận, 2 chi bộ"
                 " trực thuộc, với tổng số 41 đảng viên (38 đảng viên chính thức, 3 đảng viên dự"
                 " bị).",
                 "Trong năm kết nạp được 2 đảng viên.",
                 NULL);
}

static void
test_cell_has_only_members (void)
{
  SdbStats *stats = new_stats ("Chi bộ thôn Bản Lè");

  stats->organization_id = 12;
  stats->organization_kind = SDB_ORGANIZATION_KIND_CHI_BO_CO_SO;
  stats->has_organizations = TRUE;
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO] = 1;
  stats->has_members = TRUE;
  stats->total = 12;
  stats->official = 11;
  stats->probationary = 1;
  stats->admitted = 1;
  assert_report (stats,
                 "Đến hết năm 2024, Chi bộ thôn Bản Lè có tổng số 12 đảng viên (11 đảng viên"
                 " chính thức, 1 đảng viên dự bị).",
                 "Trong năm kết nạp được 1 đảng viên.",
                 NULL);
}

static void
test_one_organization_states_its_own_grade (void)
{
  SdbStats *stats = new_stats ("Đảng bộ Trường THPT Minh Tân");

  /* Its own rating is the only TCCS rating below it: no "Trong 1 tổ chức" sentence. */
  stats->organization_id = 7;
  stats->organization_kind = SDB_ORGANIZATION_KIND_DANG_BO_CO_SO;
  stats->has_organization_ratings = TRUE;
  stats->has_own_rating = TRUE;
  stats->own_grade = SDB_GRADE_EXCELLENT;
  set_grades (&stats->organization_ratings, 1, 0, 0, 0);
  stats->organization_ratings_by_kind[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO] =
    stats->organization_ratings;
  set_grades (&stats->organization_ratings_by_kind[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC],
              0, 2, 1, 0);
  assert_report (stats,
                 "Năm 2024, Đảng bộ Trường THPT Minh Tân được xếp loại hoàn thành xuất sắc nhiệm"
                 " vụ. Trong 3 chi bộ trực thuộc được xếp loại, có 2 hoàn thành tốt nhiệm vụ"
                 " (66,7%), 1 hoàn thành nhiệm vụ (33,3%); 2/3 hoàn thành tốt nhiệm vụ trở lên"
                 " (66,7%).",
                 NULL);
}

static void
test_one_organization_not_rated_is_said_so (void)
{
  SdbStats *stats = new_stats ("Chi bộ Trường Mầm non");

  stats->organization_id = 13;
  stats->organization_kind = SDB_ORGANIZATION_KIND_CHI_BO_CO_SO;
  stats->has_organization_ratings = TRUE;
  stats->has_own_rating = TRUE;
  stats->own_grade = -1;
  stats->organization_ratings.not_rated = 1;
  stats->organization_ratings_by_kind[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO].not_rated = 1;
  assert_report (stats, "Năm 2024, Chi bộ Trường Mầm non thuộc diện không xếp loại.", NULL);
}

static void
test_subordinate_organization_is_left_out_of_its_own_kind (void)
{
  SdbStats *stats = new_stats ("Đảng bộ bộ phận Khối Văn phòng");

  /* A đảng bộ bộ phận counted in by_kind with its one chi bộ trực thuộc. */
  stats->organization_id = 8;
  stats->organization_kind = SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN;
  stats->has_organization_ratings = TRUE;
  stats->has_own_rating = TRUE;
  stats->own_grade = SDB_GRADE_GOOD;
  set_grades (&stats->organization_ratings_by_kind[SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN],
              0, 1, 0, 0);
  set_grades (&stats->organization_ratings_by_kind[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC],
              0, 0, 0, 1);
  assert_report (stats,
                 "Năm 2024, Đảng bộ bộ phận Khối Văn phòng được xếp loại hoàn thành tốt nhiệm vụ."
                 " Trong 1 chi bộ trực thuộc được xếp loại, có 1 không hoàn thành nhiệm vụ"
                 " (100%); 0/1 hoàn thành tốt nhiệm vụ trở lên (0%).",
                 NULL);
}

/* Admissions ----------------------------------------------------------------------------------- */

static SdbStats *
admissions (gint64   admitted,
            gboolean has_target,
            gint64   target)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  stats->admitted = admitted;
  stats->has_target = has_target;
  stats->target = target;
  return stats;
}

static void
test_zero_target_has_no_percentage (void)
{
  assert_report (admissions (37, TRUE, 0), "Trong năm kết nạp được 37 đảng viên.", NULL);
  assert_report (admissions (0, TRUE, 0), "Trong năm chưa kết nạp được đảng viên nào.", NULL);
}

static void
test_exact_target_says_100_without_excess (void)
{
  assert_report (admissions (35, TRUE, 35),
                 "Trong năm kết nạp được 35/35 đảng viên, đạt 100% chỉ tiêu.", NULL);
}

static void
test_below_target (void)
{
  assert_report (admissions (28, TRUE, 35),
                 "Trong năm kết nạp được 28/35 đảng viên, đạt 80% chỉ tiêu.", NULL);
}

static void
test_excess_is_its_own_share (void)
{
  /* 17/16 = 106,25% shows 106,3%; subtracting 100 from it would agree here, but the excess is
   * rounded from 1/16 = 6,25% itself, half up, to 6,3%. */
  assert_report (admissions (17, TRUE, 16),
                 "Trong năm kết nạp được 17/16 đảng viên, đạt 106,3% chỉ tiêu, vượt 6,3% so với"
                 " chỉ tiêu.",
                 NULL);
  /* 20.001/20.000 exceeds by 0,005%, which shows as nothing: "vượt 0%" is not said. */
  assert_report (admissions (20001, TRUE, 20000),
                 "Trong năm kết nạp được 20.001/20.000 đảng viên, đạt 100% chỉ tiêu.", NULL);
}

static void
test_term_uses_its_years_and_target (void)
{
  SdbStats *stats = admissions (37, TRUE, 35);

  stats->has_term = TRUE;
  stats->term_first_year = 2020;
  stats->term_last_year = 2025;
  stats->term_count = 160;
  stats->term_target = 150;
  assert_report (stats,
                 "Trong năm kết nạp được 37/35 đảng viên, đạt 105,7% chỉ tiêu, vượt 5,7% so với"
                 " chỉ tiêu. Từ đầu nhiệm kỳ 2020–2025 đến nay kết nạp được 160/150 đảng viên,"
                 " đạt 106,7% chỉ tiêu nhiệm kỳ, vượt 6,7% so với chỉ tiêu.",
                 NULL);

  stats = admissions (12, FALSE, 0);
  stats->has_term = TRUE;
  stats->term_first_year = 2020;
  stats->term_last_year = 2025;
  stats->term_count = 160;
  stats->term_target = 0;
  assert_report (stats,
                 "Trong năm kết nạp được 12 đảng viên. Từ đầu nhiệm kỳ 2020–2025 đến nay kết nạp"
                 " được 160 đảng viên.",
                 NULL);
}

/* Ratings -------------------------------------------------------------------------------------- */

static void
test_organization_ratings_leave_out_zero_grades (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  /* The first grade listed carries the noun, whichever it is. */
  stats->has_organization_ratings = TRUE;
  set_grades (&stats->organization_ratings, 0, 20, 8, 1);
  stats->organization_ratings.not_rated = 2;
  stats->organization_ratings.missing = 5;
  assert_report (stats,
                 "Trong 29 tổ chức cơ sở đảng được xếp loại, có 20 tổ chức hoàn thành tốt nhiệm"
                 " vụ (69%), 8 hoàn thành nhiệm vụ (27,6%), 1 không hoàn thành nhiệm vụ (3,4%);"
                 " 20/29 tổ chức hoàn thành tốt nhiệm vụ trở lên (69%). 2 tổ chức không xếp loại.",
                 NULL);
}

static void
test_only_not_rated_organizations (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  stats->has_organization_ratings = TRUE;
  stats->organization_ratings.not_rated = 2;
  assert_report (stats, "Trong năm có 2 tổ chức cơ sở đảng không xếp loại.", NULL);
}

static void
test_subordinate_organizations_rated_together (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");
  SdbRatingCounts *by_kind = stats->organization_ratings_by_kind;

  stats->has_organization_ratings = TRUE;
  set_grades (&stats->organization_ratings, 4, 22, 3, 0);
  set_grades (&by_kind[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC], 2, 5, 1, 0);
  set_grades (&by_kind[SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN], 1, 2, 0, 0);
  assert_report (stats,
                 "Trong 29 tổ chức cơ sở đảng được xếp loại, có 4 tổ chức hoàn thành xuất sắc"
                 " nhiệm vụ (13,8%), 22 hoàn thành tốt nhiệm vụ (75,9%), 3 hoàn thành nhiệm vụ"
                 " (10,3%); 26/29 tổ chức hoàn thành tốt nhiệm vụ trở lên (89,7%). Trong 11 chi"
                 " bộ trực thuộc và đảng bộ bộ phận được xếp loại, có 3 hoàn thành xuất sắc"
                 " nhiệm vụ (27,3%), 7 hoàn thành tốt nhiệm vụ (63,6%), 1 hoàn thành nhiệm vụ"
                 " (9,1%); 10/11 hoàn thành tốt nhiệm vụ trở lên (90,9%).",
                 NULL);

  /* Only the kinds that were rated are named. */
  stats = new_stats ("Đảng bộ xã Minh Tân");
  stats->has_organization_ratings = TRUE;
  set_grades (&stats->organization_ratings_by_kind[SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN],
              0, 2, 0, 0);
  assert_report (stats,
                 "Trong 2 đảng bộ bộ phận được xếp loại, có 2 hoàn thành tốt nhiệm vụ (100%);"
                 " 2/2 hoàn thành tốt nhiệm vụ trở lên (100%).",
                 NULL);
}

static void
test_member_ratings (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  stats->has_member_ratings = TRUE;
  set_grades (&stats->member_ratings, 150, 900, 120, 10);
  stats->member_ratings.not_rated = 56;
  assert_report (stats,
                 "Trong 1.180 đảng viên được xếp loại, có 150 đảng viên hoàn thành xuất sắc"
                 " nhiệm vụ (12,7%), 900 hoàn thành tốt nhiệm vụ (76,3%), 120 hoàn thành nhiệm"
                 " vụ (10,2%), 10 không hoàn thành nhiệm vụ (0,8%); 1.050/1.180 đảng viên hoàn"
                 " thành tốt nhiệm vụ trở lên (89%). 56 đảng viên không xếp loại.",
                 NULL);
}

/* Badges, awards, meetings --------------------------------------------------------------------- */

static void
test_badges_highest_first (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");
  guint n_steps;
  const int *steps = sdb_badge_get_steps (&n_steps);

  stats->has_badges = TRUE;
  stats->badges_total = 12;
  for (guint i = 0; i < n_steps; i++)
    {
      if (steps[i] == 30)
        stats->badges[i] = 7;
      else if (steps[i] == 40)
        stats->badges[i] = 3;
      else if (steps[i] == 50)
        stats->badges[i] = 2;
    }
  assert_report (stats,
                 "Trong năm trao tặng 12 Huy hiệu Đảng: 2 Huy hiệu 50 năm tuổi Đảng, 3 Huy hiệu"
                 " 40 năm tuổi Đảng, 7 Huy hiệu 30 năm tuổi Đảng.",
                 NULL);

  stats = new_stats ("Đảng bộ xã Minh Tân");
  stats->has_badges = TRUE;
  stats->badges_total = 4;
  stats->badges[0] = 4;
  assert_report (stats, "Trong năm trao tặng 4 Huy hiệu 30 năm tuổi Đảng.", NULL);
}

static void
test_awards_one_side (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  stats->has_awards = TRUE;
  stats->awards_collective = 12;
  stats->awards_individual = 20;
  assert_report (stats, "Trong năm khen thưởng 12 tập thể và 20 cá nhân.", NULL);

  stats = new_stats ("Đảng bộ xã Minh Tân");
  stats->has_awards = TRUE;
  stats->awards_collective = 12;
  assert_report (stats, "Trong năm khen thưởng 12 tập thể.", NULL);

  stats = new_stats ("Đảng bộ xã Minh Tân");
  stats->has_awards = TRUE;
  stats->awards_individual = 20;
  assert_report (stats, "Trong năm khen thưởng 20 cá nhân.", NULL);
}

static void
test_meetings_by_kind (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");
  const gint64 counts[SDB_STATS_MEETING_KINDS] = { 4, 6, 2, 1, 1, 1, 1, 1 };

  stats->has_meetings = TRUE;
  stats->meetings_total = 17;
  memcpy (stats->meetings, counts, sizeof counts);
  assert_report (stats,
                 "Trong năm tổ chức 17 hội nghị, gồm 4 hội nghị Ban Chấp hành, 6 hội nghị Ban"
                 " Thường vụ, 2 hội nghị Thường trực, 1 hội nghị tổng kết, 1 hội nghị sơ kết,"
                 " 1 hội nghị chuyên đề, 1 hội nghị học tập, quán triệt, 1 hội nghị khác.",
                 NULL);

  stats = new_stats ("Đảng bộ xã Minh Tân");
  stats->has_meetings = TRUE;
  stats->meetings_total = 5;
  stats->meetings[SDB_MEETING_KIND_STANDING] = 3;
  stats->meetings[SDB_MEETING_KIND_OTHER] = 2;
  assert_report (stats,
                 "Trong năm tổ chức 5 hội nghị, gồm 3 hội nghị Ban Thường vụ, 2 hội nghị khác.",
                 NULL);

  stats = new_stats ("Đảng bộ xã Minh Tân");
  stats->has_meetings = TRUE;
  stats->meetings_total = 4;
  stats->meetings[SDB_MEETING_KIND_EXECUTIVE] = 4;
  assert_report (stats, "Trong năm tổ chức 4 hội nghị Ban Chấp hành.", NULL);
}

/* The document as a whole ---------------------------------------------------------------------- */

static void
test_sections_without_data_are_left_out (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  /* Figures without records behind them are never written, and records adding up to nothing
   * write no empty sentence. */
  stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO] = 27;
  stats->total = 1236;
  stats->admitted = 37;
  stats->badges_total = 3;
  stats->badges[0] = 3;
  stats->member_ratings.rated = 10;
  stats->member_ratings.grades[SDB_GRADE_GOOD] = 10;
  stats->meetings_total = 2;
  stats->meetings[SDB_MEETING_KIND_EXECUTIVE] = 2;
  stats->has_meetings = FALSE;
  stats->has_awards = TRUE;
  stats->awards_collective = 12;
  stats->has_organization_ratings = TRUE;
  assert_report (stats, "Trong năm khen thưởng 12 tập thể.", NULL);
}

static void
test_no_data_at_all (void)
{
  SdbStats *stats = new_stats ("Đảng bộ xã Minh Tân");

  stats->year = 2019;
  assert_report (stats, "Chưa có số liệu của năm 2019.", NULL);

  /* Records that add up to nothing count as no data. */
  stats = new_stats ("Đảng bộ xã Minh Tân");
  stats->has_awards = TRUE;
  stats->has_meetings = TRUE;
  stats->has_badges = TRUE;
  assert_report (stats, "Chưa có số liệu của năm 2024.", NULL);
}

static void
test_same_text_in_every_locale (void)
{
  SdbStats *stats = domain_example ();
  g_autofree char *vietnamese = NULL;
  g_autofree char *c = NULL;

  stats->has_member_ratings = TRUE;
  set_grades (&stats->member_ratings, 150, 900, 120, 10);
  stats->has_meetings = TRUE;
  stats->meetings_total = 1236;
  stats->meetings[SDB_MEETING_KIND_OTHER] = 1236;

  /* Where vi_VN is not installed this compares the environment's locale with C. */
  setlocale (LC_ALL, "vi_VN.UTF-8");
  vietnamese = sdb_report_write (stats);
  setlocale (LC_ALL, "C");
  c = sdb_report_write (stats);
  setlocale (LC_ALL, "");

  g_assert_cmpstr (vietnamese, ==, c);
  g_assert_true (g_utf8_validate (c, -1, NULL));
  g_assert_nonnull (strstr (c, "1.236 hội nghị khác"));
  g_assert_nonnull (strstr (c, "(12,7%)"));
  free_stats (stats);
}

static void
test_text_ends_with_one_newline_and_no_carriage_return (void)
{
  SdbStats *stats = domain_example ();
  g_autofree char *text = sdb_report_write (stats);

  g_assert_true (g_str_has_suffix (text, ".\n"));
  g_assert_false (g_str_has_suffix (text, "\n\n"));
  g_assert_null (strchr (text, '\r'));
  free_stats (stats);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  g_test_add_func ("/report/whole-committee-paragraph-matches-domain-example",
                   test_whole_committee_paragraph_matches_domain_example);
  g_test_add_func ("/report/upper-level-committees-come-first",
                   test_upper_level_committees_come_first);
  g_test_add_func ("/report/one-kind-of-grassroots-has-no-breakdown",
                   test_one_kind_of_grassroots_has_no_breakdown);
  g_test_add_func ("/report/members-without-organizations", test_members_without_organizations);
  g_test_add_func ("/report/movement-lists-only-what-happened",
                   test_movement_lists_only_what_happened);
  g_test_add_func ("/report/one-organization-lists-what-is-below-it",
                   test_one_organization_lists_what_is_below_it);
  g_test_add_func ("/report/cell-has-only-members", test_cell_has_only_members);
  g_test_add_func ("/report/one-organization-states-its-own-grade",
                   test_one_organization_states_its_own_grade);
  g_test_add_func ("/report/one-organization-not-rated-is-said-so",
                   test_one_organization_not_rated_is_said_so);
  g_test_add_func ("/report/subordinate-organization-is-left-out-of-its-own-kind",
                   test_subordinate_organization_is_left_out_of_its_own_kind);
  g_test_add_func ("/report/zero-target-has-no-percentage", test_zero_target_has_no_percentage);
  g_test_add_func ("/report/exact-target-says-100-without-excess",
                   test_exact_target_says_100_without_excess);
  g_test_add_func ("/report/below-target", test_below_target);
  g_test_add_func ("/report/excess-is-its-own-share", test_excess_is_its_own_share);
  g_test_add_func ("/report/term-uses-its-years-and-target", test_term_uses_its_years_and_target);
  g_test_add_func ("/report/organization-ratings-leave-out-zero-grades",
                   test_organization_ratings_leave_out_zero_grades);
  g_test_add_func ("/report/only-not-rated-organizations", test_only_not_rated_organizations);
  g_test_add_func ("/report/subordinate-organizations-rated-together",
                   test_subordinate_organizations_rated_together);
  g_test_add_func ("/report/member-ratings", test_member_ratings);
  g_test_add_func ("/report/badges-highest-first", test_badges_highest_first);
  g_test_add_func ("/report/awards-one-side", test_awards_one_side);
  g_test_add_func ("/report/meetings-by-kind", test_meetings_by_kind);
  g_test_add_func ("/report/sections-without-data-are-left-out",
                   test_sections_without_data_are_left_out);
  g_test_add_func ("/report/no-data-at-all", test_no_data_at_all);
  g_test_add_func ("/report/same-text-in-every-locale", test_same_text_in_every_locale);
  g_test_add_func ("/report/text-ends-with-one-newline-and-no-carriage-return",
                   test_text_ends_with_one_newline_and_no_carriage_return);

  return g_test_run ();
}
