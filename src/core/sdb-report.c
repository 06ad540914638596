/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review is an official Vietnamese document, pasted into the report the committee sends
 * upward: it must read the same whatever language the clerk's computer is set to (DOMAIN.md,
 * "What a year's figures look like"). So its sentences are written here in Vietnamese and do
 * not go through gettext; a translation would only make a document the office cannot send.
 * Every number and share is formatted by sdb-vn, never by the process locale. */
#include "config.h"

#include "sdb-badge.h"
#include "sdb-report.h"

/* The kinds as they are named inside a sentence. */
static const char *const kind_names[SDB_STATS_ORGANIZATION_KINDS] = {
  [SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO] = "đảng bộ cấp trên cơ sở",
  [SDB_ORGANIZATION_KIND_DANG_BO_CO_SO] = "đảng bộ cơ sở",
  [SDB_ORGANIZATION_KIND_CHI_BO_CO_SO] = "chi bộ cơ sở",
  [SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN] = "đảng bộ bộ phận",
  [SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC] = "chi bộ trực thuộc",
};

static const char *const grade_names[SDB_STATS_GRADES] = {
  [SDB_GRADE_EXCELLENT] = "hoàn thành xuất sắc nhiệm vụ",
  [SDB_GRADE_GOOD] = "hoàn thành tốt nhiệm vụ",
  [SDB_GRADE_DONE] = "hoàn thành nhiệm vụ",
  [SDB_GRADE_FAILED] = "không hoàn thành nhiệm vụ",
};

static const char *const meeting_names[SDB_STATS_MEETING_KINDS] = {
  [SDB_MEETING_KIND_EXECUTIVE] = "hội nghị Ban Chấp hành",
  [SDB_MEETING_KIND_STANDING] = "hội nghị Ban Thường vụ",
  [SDB_MEETING_KIND_STANDING_MEMBERS] = "hội nghị Thường trực",
  [SDB_MEETING_KIND_YEAR_END] = "hội nghị tổng kết",
  [SDB_MEETING_KIND_MID_TERM] = "hội nghị sơ kết",
  [SDB_MEETING_KIND_THEMATIC] = "hội nghị chuyên đề",
  [SDB_MEETING_KIND_DISSEMINATION] = "hội nghị học tập, quán triệt",
  [SDB_MEETING_KIND_OTHER] = "hội nghị khác",
};

/* Phrases ------------------------------------------------------------------------------------- */

/* The count sits inside the phrase ("xóa tên 1 đảng viên"), so a phrase is the text before it
 * and the text after it rather than a format string. */
static char *
counted (const char *before,
         gint64      count,
         const char *after)
{
  g_autofree char *number = sdb_vn_format_int (count);

  return g_strconcat (before, number, after, NULL);
}

/* Enumerations leave out what did not happen: a zero is never listed. */
static void
add_counted (GPtrArray  *parts,
             const char *before,
             gint64      count,
             const char *after)
{
  if (count > 0)
    g_ptr_array_add (parts, counted (before, count, after));
}

static GPtrArray *
parts_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
append_joined (GString    *out,
               GPtrArray  *parts,
               const char *separator)
{
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, g_ptr_array_index (parts, i));
    }
}

static char *
join (GPtrArray  *parts,
      const char *separator)
{
  GString *out = g_string_new (NULL);

  append_joined (out, parts, separator);
  return g_string_free (out, FALSE);
}

static void
append_int (GString *out,
            gint64   value)
{
  g_autofree char *text = sdb_vn_format_int (value);

  g_string_append (out, text);
}

/* "105,7%"; every caller has a base above 0, so there is always a share to show. */
static char *
share (gint64 part,
       gint64 base)
{
  char *text = sdb_vn_format_percent (part, base, 1);

  g_assert (text != NULL);
  return text;
}

static void
append_share (GString *out,
              gint64   part,
              gint64   base)
{
  g_autofree char *text = share (part, base);

  g_string_append (out, text);
}

/* "12 Huy hiệu Đảng: 2 Huy hiệu 50 năm tuổi Đảng, …", or the one part alone when it is the
 * whole ("4 hội nghị Ban Chấp hành"): a breakdown into one part says nothing more. */
static char *
total_with_parts (const char *before,
                  gint64      total,
                  const char *what,
                  const char *introducer,
                  GPtrArray  *parts,
                  gint64      listed)
{
  GString *out = g_string_new (before);

  if (parts->len == 1 && listed == total)
    {
      g_string_append (out, g_ptr_array_index (parts, 0));
    }
  else
    {
      append_int (out, total);
      g_string_append (out, what);
      if (parts->len > 0)
        {
          g_string_append (out, introducer);
          append_joined (out, parts, ", ");
        }
    }
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

/* 1. Organizations and members ---------------------------------------------------------------- */

/* "3 đảng bộ cấp trên cơ sở, 29 tổ chức cơ sở đảng, gồm 2 đảng bộ cơ sở và 27 chi bộ cơ sở,
 * 11 chi bộ trực thuộc" */
static char *
committee_organizations (const SdbStats *stats)
{
  const gint64 *n = stats->organizations;
  gint64 committees = n[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO];
  gint64 cells = n[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO];
  gint64 grassroots = sdb_stats_get_grassroots (stats);
  g_autoptr(GPtrArray) parts = parts_new ();

  add_counted (parts, "", n[SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO],
               " đảng bộ cấp trên cơ sở");
  if (grassroots > 0)
    {
      GString *tccs = g_string_new (NULL);

      append_int (tccs, grassroots);
      g_string_append (tccs, " tổ chức cơ sở đảng");
      /* With one kind only, the breakdown would repeat the total. */
      if (committees > 0 && cells > 0)
        {
          g_string_append (tccs, ", gồm ");
          append_int (tccs, committees);
          g_string_append (tccs, " đảng bộ cơ sở và ");
          append_int (tccs, cells);
          g_string_append (tccs, " chi bộ cơ sở");
        }
      g_ptr_array_add (parts, g_string_free (tccs, FALSE));
    }
  add_counted (parts, "", n[SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN], " đảng bộ bộ phận");
  add_counted (parts, "", n[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC], " chi bộ trực thuộc");
  return parts->len > 0 ? join (parts, ", ") : NULL;
}

/* What stands below one organization: its subtree's counts include the organization itself. */
static char *
subtree_organizations (const SdbStats *stats)
{
  g_autoptr(GPtrArray) parts = parts_new ();

  for (guint kind = 0; kind < SDB_STATS_ORGANIZATION_KINDS; kind++)
    {
      gint64 count = stats->organizations[kind];
      g_autofree char *what = g_strconcat (" ", kind_names[kind], NULL);

      if (kind == (guint) stats->organization_kind)
        count--;
      add_counted (parts, "", count, what);
    }
  return parts->len > 0 ? join (parts, ", ") : NULL;
}

/* "tổng số 1.236 đảng viên (1.190 đảng viên chính thức, 46 đảng viên dự bị), trong đó 3 đảng
 * viên được miễn công tác và sinh hoạt đảng" */
static char *
members_phrase (const SdbStats *stats)
{
  g_autoptr(GPtrArray) kinds = parts_new ();
  GString *out = g_string_new ("tổng số ");

  append_int (out, stats->total);
  g_string_append (out, " đảng viên");

  add_counted (kinds, "", stats->official, " đảng viên chính thức");
  add_counted (kinds, "", stats->probationary, " đảng viên dự bị");
  if (kinds->len > 0)
    {
      g_string_append (out, " (");
      append_joined (out, kinds, ", ");
      g_string_append_c (out, ')');
    }

  if (stats->exempt > 0)
    {
      g_string_append (out, ", trong đó ");
      append_int (out, stats->exempt);
      g_string_append (out, " đảng viên được miễn công tác và sinh hoạt đảng");
    }
  return g_string_free (out, FALSE);
}

/* Who came and who went; admissions have a paragraph of their own. */
static char *
movement_sentence (const SdbStats *stats)
{
  const gint64 *left = stats->left;
  g_autoptr(GPtrArray) parts = parts_new ();
  GString *out;

  add_counted (parts, "kết nạp lại ", stats->readmitted, " đảng viên");
  add_counted (parts, "tiếp nhận ", stats->transferred_in, " đảng viên chuyển đến");
  add_counted (parts, "chuyển đi ", stats->transferred_out, " đảng viên");
  add_counted (parts, "có ", left[SDB_LEAVING_REASON_DIED], " đảng viên từ trần");
  add_counted (parts, "xóa tên ", left[SDB_LEAVING_REASON_STRUCK_OFF], " đảng viên");
  add_counted (parts, "khai trừ ", left[SDB_LEAVING_REASON_EXPELLED], " đảng viên");
  add_counted (parts, "có ", left[SDB_LEAVING_REASON_RESIGNED], " đảng viên xin ra khỏi Đảng");
  if (parts->len == 0)
    return NULL;

  out = g_string_new ("Trong năm ");
  append_joined (out, parts, "; ");
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

static char *
write_organizations_and_members (const SdbStats *stats)
{
  g_autofree char *year = sdb_vn_format_year (stats->year);
  g_autofree char *organizations = NULL;
  g_autofree char *members = NULL;
  g_autofree char *movement = NULL;
  GString *out;

  if (stats->has_organizations)
    organizations = stats->organization_id == 0 ? committee_organizations (stats)
                                                : subtree_organizations (stats);
  if (stats->has_members)
    {
      members = members_phrase (stats);
      movement = movement_sentence (stats);
    }
  if (organizations == NULL && members == NULL)
    return NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, "Đến hết năm %s, %s có ", year, stats->committee);
  if (organizations != NULL)
    {
      g_string_append (out, organizations);
      if (members != NULL)
        g_string_append (out, ", với ");
    }
  if (members != NULL)
    g_string_append (out, members);
  g_string_append_c (out, '.');

  if (movement != NULL)
    g_string_append_printf (out, " %s", movement);
  return g_string_free (out, FALSE);
}

/* 2. Admissions ------------------------------------------------------------------------------- */

/* "<since> kết nạp được 37/35 đảng viên, đạt 105,7% <target_name>, vượt 5,7% so với chỉ tiêu."
 * A target of 0 has no percentage. */
static void
append_admissions (GString    *out,
                   const char *since,
                   gint64      count,
                   gboolean    has_target,
                   gint64      target,
                   const char *target_name)
{
  g_string_append (out, since);
  if (has_target && target > 0)
    {
      g_string_append (out, " kết nạp được ");
      append_int (out, count);
      g_string_append_c (out, '/');
      append_int (out, target);
      g_string_append (out, " đảng viên, đạt ");
      append_share (out, count, target);
      g_string_append_printf (out, " %s", target_name);
      if (count > target)
        {
          /* The excess is a share of its own, not the difference of two rounded ones; one
           * that rounds to nothing is not worth saying ("vượt 0%"). */
          gint64 tenths = 0;

          if (sdb_vn_percent_tenths (count - target, target, &tenths) && tenths > 0)
            {
              g_string_append (out, ", vượt ");
              append_share (out, count - target, target);
              g_string_append (out, " so với chỉ tiêu");
            }
        }
    }
  else if (count > 0)
    {
      g_string_append (out, " kết nạp được ");
      append_int (out, count);
      g_string_append (out, " đảng viên");
    }
  else
    {
      g_string_append (out, " chưa kết nạp được đảng viên nào");
    }
  g_string_append_c (out, '.');
}

static char *
write_admissions (const SdbStats *stats)
{
  GString *out;

  if (!stats->has_members && !stats->has_target && !stats->has_term)
    return NULL;

  out = g_string_new (NULL);
  append_admissions (out, "Trong năm", stats->admitted, stats->has_target, stats->target,
                     "chỉ tiêu");
  if (stats->has_term)
    {
      g_autofree char *first = sdb_vn_format_year (stats->term_first_year);
      g_autofree char *last = sdb_vn_format_year (stats->term_last_year);
      /* An en dash between the years, as printed documents write a term. */
      g_autofree char *since = g_strdup_printf ("Từ đầu nhiệm kỳ %s\u2013%s đến nay", first, last);

      g_string_append_c (out, ' ');
      append_admissions (out, since, stats->term_count, TRUE, stats->term_target,
                         "chỉ tiêu nhiệm kỳ");
    }
  return g_string_free (out, FALSE);
}

/* 3 and 4. Ratings ---------------------------------------------------------------------------- */

/* "Trong 29 tổ chức cơ sở đảng được xếp loại, có 4 tổ chức hoàn thành xuất sắc nhiệm vụ
 * (13,8%), 22 hoàn thành tốt nhiệm vụ (75,9%), …; 26/29 tổ chức hoàn thành tốt nhiệm vụ trở lên
 * (89,7%)." Every share is over those rated, each from its own count. @noun, when given, goes
 * with the first grade listed and with "trở lên". */
static void
append_ratings (GString               *out,
                const char            *rated_what,
                const char            *noun,
                const SdbRatingCounts *counts)
{
  g_autofree char *with_noun = noun != NULL ? g_strconcat (" ", noun, NULL) : g_strdup ("");
  g_autoptr(GPtrArray) parts = parts_new ();
  gint64 good_or_better = sdb_rating_counts_good_or_better (counts);

  g_assert (counts->rated > 0);

  for (guint grade = 0; grade < SDB_STATS_GRADES; grade++)
    {
      gint64 count = counts->grades[grade];
      g_autofree char *after = NULL;
      g_autofree char *percent = NULL;

      if (count <= 0)
        continue;
      percent = share (count, counts->rated);
      after = g_strdup_printf ("%s %s (%s)", parts->len == 0 ? with_noun : "",
                               grade_names[grade], percent);
      add_counted (parts, "", count, after);
    }

  g_string_append (out, "Trong ");
  append_int (out, counts->rated);
  g_string_append_printf (out, " %s được xếp loại, có ", rated_what);
  if (parts->len > 0)
    {
      append_joined (out, parts, ", ");
      g_string_append (out, "; ");
    }
  append_int (out, good_or_better);
  g_string_append_c (out, '/');
  append_int (out, counts->rated);
  g_string_append_printf (out, "%s hoàn thành tốt nhiệm vụ trở lên (", with_noun);
  append_share (out, good_or_better, counts->rated);
  g_string_append (out, ").");
}

static void
add_rating_counts (SdbRatingCounts       *sum,
                   const SdbRatingCounts *counts)
{
  sum->rated += counts->rated;
  sum->not_rated += counts->not_rated;
  sum->missing += counts->missing;
  for (guint grade = 0; grade < SDB_STATS_GRADES; grade++)
    sum->grades[grade] += counts->grades[grade];
}

/* @counts of the organizations of @kind, less the organization the review is about: its own
 * rating has a sentence of its own. */
static SdbRatingCounts
others_of_kind (const SdbStats        *stats,
                int                    kind,
                const SdbRatingCounts *counts)
{
  SdbRatingCounts others = *counts;

  if (stats->organization_id > 0 && stats->has_own_rating
      && (int) stats->organization_kind == kind)
    {
      if (stats->own_grade < 0)
        others.not_rated--;
      else if (stats->own_grade < SDB_STATS_GRADES)
        {
          others.grades[stats->own_grade]--;
          others.rated--;
        }
    }
  return others;
}

/* "Năm 2024, Đảng bộ xã Hòa Bình được xếp loại hoàn thành tốt nhiệm vụ." */
static void
append_own_rating (GString        *out,
                   const SdbStats *stats)
{
  g_autofree char *year = sdb_vn_format_year (stats->year);

  if (stats->organization_id == 0 || !stats->has_own_rating)
    return;
  if (stats->own_grade >= 0 && stats->own_grade < SDB_STATS_GRADES)
    g_string_append_printf (out, "Năm %s, %s được xếp loại %s.", year, stats->committee,
                            grade_names[stats->own_grade]);
  else
    g_string_append_printf (out, "Năm %s, %s thuộc diện không xếp loại.", year,
                            stats->committee);
}

/* The đảng bộ bộ phận and chi bộ trực thuộc, rated together in one sentence. */
static void
append_subordinate_ratings (GString        *out,
                            const SdbStats *stats)
{
  static const SdbOrganizationKind kinds[] = {
    SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC,
    SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN,
  };
  SdbRatingCounts sum = { 0 };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *rated_what = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      SdbRatingCounts counts = others_of_kind (stats, kinds[i],
                                               &stats->organization_ratings_by_kind[kinds[i]]);

      if (counts.rated <= 0)
        continue;
      add_rating_counts (&sum, &counts);
      g_ptr_array_add (names, (gpointer) kind_names[kinds[i]]);
    }
  if (sum.rated <= 0)
    return;

  rated_what = join (names, " và ");
  if (out->len > 0)
    g_string_append_c (out, ' ');
  append_ratings (out, rated_what, NULL, &sum);
}

static char *
write_organization_ratings (const SdbStats *stats)
{
  /* The TCCS other than the organization the review is about: below one organization, only
   * an upper-level committee has TCCS. */
  SdbRatingCounts tccs = others_of_kind (stats, SDB_ORGANIZATION_KIND_DANG_BO_CO_SO,
                                         &stats->organization_ratings);
  const SdbRatingCounts *counts = &tccs;
  const char *rated_what = "tổ chức cơ sở đảng";
  GString *out;

  if (!stats->has_organization_ratings)
    return NULL;
  tccs = others_of_kind (stats, SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, &tccs);

  out = g_string_new (NULL);
  append_own_rating (out, stats);
  if (counts->rated > 0 && out->len > 0)
    g_string_append_c (out, ' ');
  if (counts->rated > 0)
    {
      append_ratings (out, rated_what, "tổ chức", counts);
      if (counts->not_rated > 0)
        {
          g_string_append_c (out, ' ');
          append_int (out, counts->not_rated);
          g_string_append (out, " tổ chức không xếp loại.");
        }
    }
  else if (counts->not_rated > 0)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, "Trong năm có ");
      append_int (out, counts->not_rated);
      g_string_append_printf (out, " %s không xếp loại.", rated_what);
    }
  append_subordinate_ratings (out, stats);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
write_member_ratings (const SdbStats *stats)
{
  const SdbRatingCounts *counts = &stats->member_ratings;
  GString *out;

  if (!stats->has_member_ratings || (counts->rated <= 0 && counts->not_rated <= 0))
    return NULL;

  out = g_string_new (NULL);
  if (counts->rated > 0)
    {
      append_ratings (out, "đảng viên", "đảng viên", counts);
      if (counts->not_rated > 0)
        g_string_append_c (out, ' ');
    }
  else
    {
      g_string_append (out, "Trong năm có ");
    }
  if (counts->not_rated > 0)
    {
      append_int (out, counts->not_rated);
      g_string_append (out, " đảng viên không xếp loại.");
    }
  return g_string_free (out, FALSE);
}

/* 5, 6 and 7. Badges, awards, meetings -------------------------------------------------------- */

static char *
write_badges (const SdbStats *stats)
{
  g_autoptr(GPtrArray) parts = parts_new ();
  gint64 listed = 0;
  guint n_steps;
  const int *steps = sdb_badge_get_steps (&n_steps);

  if (!stats->has_badges || stats->badges_total <= 0)
    return NULL;

  /* The highest party age first, as the ceremony gives them. */
  for (guint i = MIN (n_steps, SDB_STATS_BADGE_STEPS); i-- > 0;)
    {
      g_autofree char *what = g_strdup_printf (" Huy hiệu %d năm tuổi Đảng", steps[i]);

      add_counted (parts, "", stats->badges[i], what);
      listed += MAX (stats->badges[i], 0);
    }
  return total_with_parts ("Trong năm trao tặng ", stats->badges_total, " Huy hiệu Đảng", ": ",
                           parts, listed);
}

static char *
write_awards (const SdbStats *stats)
{
  g_autoptr(GPtrArray) parts = parts_new ();
  g_autofree char *recipients = NULL;

  if (!stats->has_awards)
    return NULL;

  add_counted (parts, "", stats->awards_collective, " tập thể");
  add_counted (parts, "", stats->awards_individual, " cá nhân");
  if (parts->len == 0)
    return NULL;

  recipients = join (parts, " và ");
  return g_strdup_printf ("Trong năm khen thưởng %s.", recipients);
}

static char *
write_meetings (const SdbStats *stats)
{
  g_autoptr(GPtrArray) parts = parts_new ();
  gint64 listed = 0;

  if (!stats->has_meetings || stats->meetings_total <= 0)
    return NULL;

  for (guint kind = 0; kind < SDB_STATS_MEETING_KINDS; kind++)
    {
      g_autofree char *what = g_strconcat (" ", meeting_names[kind], NULL);

      add_counted (parts, "", stats->meetings[kind], what);
      listed += MAX (stats->meetings[kind], 0);
    }
  return total_with_parts ("Trong năm tổ chức ", stats->meetings_total, " hội nghị", ", gồm ",
                           parts, listed);
}

/* The review ---------------------------------------------------------------------------------- */

typedef char *(*SectionWriter) (const SdbStats *stats);

/* In the order of the review; each returns %NULL when it has nothing to say. */
static const SectionWriter sections[] = {
  write_organizations_and_members,
  write_admissions,
  write_organization_ratings,
  write_member_ratings,
  write_badges,
  write_awards,
  write_meetings,
};

/**
 * sdb_report_write:
 * @stats: the figures of one year
 *
 * Writes the year's review: a title, the committee's (or organization's) name, then one
 * paragraph per kind of figure the year has records of, each a single line. A kind without
 * records is left out, never written as zeros.
 *
 * Returns: (transfer full): UTF-8 text with "\n" line endings, ending in "\n"
 */
char *
sdb_report_write (const SdbStats *stats)
{
  g_autofree char *year = NULL;
  GString *out;
  gboolean any = FALSE;

  g_return_val_if_fail (stats != NULL, NULL);
  g_return_val_if_fail (stats->committee != NULL, NULL);

  year = sdb_vn_format_year (stats->year);
  out = g_string_new (NULL);
  g_string_append_printf (out, "SỐ LIỆU CÔNG TÁC XÂY DỰNG ĐẢNG NĂM %s\n%s\n", year,
                          stats->committee);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *paragraph = sections[i] (stats);

      if (paragraph == NULL)
        continue;
      g_string_append_printf (out, "\n%s\n", paragraph);
      any = TRUE;
    }

  if (!any)
    g_string_append_printf (out, "\nChưa có số liệu của năm %s.\n", year);
  return g_string_free (out, FALSE);
}
