/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-award.h"
#include "sdb-database-private.h"

struct _SdbAward
{
  GObject  parent_instance;

  gint64   id;
  int      year;
  gint64   organization_id;
  gint64   member_id;
  char    *person_name;
  char    *form;
  char    *reason;
  gint64   meeting_id;
};

G_DEFINE_FINAL_TYPE (SdbAward, sdb_award, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_YEAR,
  PROP_ORGANIZATION_ID,
  PROP_MEMBER_ID,
  PROP_PERSON_NAME,
  PROP_FORM,
  PROP_REASON,
  PROP_MEETING_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sdb_award_finalize (GObject *object)
{
  SdbAward *self = SDB_AWARD (object);

  g_free (self->person_name);
  g_free (self->form);
  g_free (self->reason);

  G_OBJECT_CLASS (sdb_award_parent_class)->finalize (object);
}

static void
sdb_award_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SdbAward *self = SDB_AWARD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;
    case PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;
    case PROP_PERSON_NAME:
      g_value_set_string (value, self->person_name);
      break;
    case PROP_FORM:
      g_value_set_string (value, self->form);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_MEETING_ID:
      g_value_set_int64 (value, self->meeting_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_award_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SdbAward *self = SDB_AWARD (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      sdb_award_set_year (self, g_value_get_int (value));
      break;
    case PROP_ORGANIZATION_ID:
      sdb_award_set_organization_id (self, g_value_get_int64 (value));
      break;
    case PROP_MEMBER_ID:
      sdb_award_set_member_id (self, g_value_get_int64 (value));
      break;
    case PROP_PERSON_NAME:
      sdb_award_set_person_name (self, g_value_get_string (value));
      break;
    case PROP_FORM:
      sdb_award_set_form (self, g_value_get_string (value));
      break;
    case PROP_REASON:
      sdb_award_set_reason (self, g_value_get_string (value));
      break;
    case PROP_MEETING_ID:
      sdb_award_set_meeting_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_award_class_init (SdbAwardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_award_finalize;
  object_class->get_property = sdb_award_get_property;
  object_class->set_property = sdb_award_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Any int, so a form can hold what was typed and validation can say what is wrong. */
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_MEMBER_ID] = g_param_spec_int64 ("member-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_PERSON_NAME] = g_param_spec_string ("person-name", NULL, NULL, "", rw);
  properties[PROP_FORM] = g_param_spec_string ("form", NULL, NULL, "", rw);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, "", rw);
  properties[PROP_MEETING_ID] =
    g_param_spec_int64 ("meeting-id", NULL, NULL, 0, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sdb_award_init (SdbAward *self)
{
  self->person_name = g_strdup ("");
  self->form = g_strdup ("");
  self->reason = g_strdup ("");
}

SdbAward *
sdb_award_new (void)
{
  return g_object_new (SDB_TYPE_AWARD, NULL);
}

/**
 * sdb_award_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change and save.
 */
SdbAward *
sdb_award_copy (SdbAward *self)
{
  SdbAward *copy;

  g_return_val_if_fail (SDB_IS_AWARD (self), NULL);

  copy = sdb_award_new ();
  copy->id = self->id;
  copy->year = self->year;
  copy->organization_id = self->organization_id;
  copy->member_id = self->member_id;
  sdb_set_str (&copy->person_name, self->person_name);
  sdb_set_str (&copy->form, self->form);
  sdb_set_str (&copy->reason, self->reason);
  copy->meeting_id = self->meeting_id;
  return copy;
}

gint64
sdb_award_get_id (SdbAward *self)
{
  g_return_val_if_fail (SDB_IS_AWARD (self), 0);

  return self->id;
}

int
sdb_award_get_year (SdbAward *self)
{
  g_return_val_if_fail (SDB_IS_AWARD (self), 0);

  return self->year;
}

void
sdb_award_set_year (SdbAward *self,
                    int       year)
{
  g_return_if_fail (SDB_IS_AWARD (self));

  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/* The three recipients are kept apart, not cleared by each other's setter: a form may show all
 * three, and validation tells the clerk which to clear. */
gint64
sdb_award_get_organization_id (SdbAward *self)
{
  g_return_val_if_fail (SDB_IS_AWARD (self), 0);

  return self->organization_id;
}

void
sdb_award_set_organization_id (SdbAward *self,
                               gint64    organization_id)
{
  g_return_if_fail (SDB_IS_AWARD (self));
  g_return_if_fail (organization_id >= 0);

  if (self->organization_id == organization_id)
    return;
  self->organization_id = organization_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION_ID]);
}

gint64
sdb_award_get_member_id (SdbAward *self)
{
  g_return_val_if_fail (SDB_IS_AWARD (self), 0);

  return self->member_id;
}

void
sdb_award_set_member_id (SdbAward *self,
                         gint64    member_id)
{
  g_return_if_fail (SDB_IS_AWARD (self));
  g_return_if_fail (member_id >= 0);

  if (self->member_id == member_id)
    return;
  self->member_id = member_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER_ID]);
}

const char *
sdb_award_get_person_name (SdbAward *self)
{
  g_return_val_if_fail (SDB_IS_AWARD (self), NULL);

  return self->person_name;
}

void
sdb_award_set_person_name (SdbAward   *self,
                           const char *person_name)
{
  g_return_if_fail (SDB_IS_AWARD (self));

  if (sdb_set_text (&self->person_name, person_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON_NAME]);
}

const char *
sdb_award_get_form (SdbAward *self)
{
  g_return_val_if_fail (SDB_IS_AWARD (self), NULL);

  return self->form;
}

void
sdb_award_set_form (SdbAward   *self,
                    const char *form)
{
  g_return_if_fail (SDB_IS_AWARD (self));

  if (sdb_set_text (&self->form, form))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM]);
}

const char *
sdb_award_get_reason (SdbAward *self)
{
  g_return_val_if_fail (SDB_IS_AWARD (self), NULL);

  return self->reason;
}

void
sdb_award_set_reason (SdbAward   *self,
                      const char *reason)
{
  g_return_if_fail (SDB_IS_AWARD (self));

  if (sdb_set_text (&self->reason, reason))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

gint64
sdb_award_get_meeting_id (SdbAward *self)
{
  g_return_val_if_fail (SDB_IS_AWARD (self), 0);

  return self->meeting_id;
}

void
sdb_award_set_meeting_id (SdbAward *self,
                          gint64    meeting_id)
{
  g_return_if_fail (SDB_IS_AWARD (self));
  g_return_if_fail (meeting_id >= 0);

  if (self->meeting_id == meeting_id)
    return;
  self->meeting_id = meeting_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING_ID]);
}

/**
 * sdb_award_is_collective:
 *
 * Returns: %TRUE when the award goes to a collective ("tập thể", an organization), %FALSE for
 * an individual ("cá nhân").
 */
gboolean
sdb_award_is_collective (SdbAward *self)
{
  g_return_val_if_fail (SDB_IS_AWARD (self), FALSE);

  return self->organization_id != 0;
}

/* Storage ------------------------------------------------------------------------------------ */

#define COLUMNS "id, year, organization_id, member_id, person_name, form, reason, meeting_id"

static SdbAward *
from_row (SdbStmt *stmt)
{
  SdbAward *self = sdb_award_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  self->year = (int) sdb_stmt_get_int (stmt, 1);
  self->organization_id = sdb_stmt_get_int (stmt, 2);
  self->member_id = sdb_stmt_get_int (stmt, 3);
  g_free (self->person_name);
  self->person_name = sdb_stmt_dup_text (stmt, 4);
  g_free (self->form);
  self->form = sdb_stmt_dup_text (stmt, 5);
  g_free (self->reason);
  self->reason = sdb_stmt_dup_text (stmt, 6);
  self->meeting_id = sdb_stmt_get_int (stmt, 7);
  return self;
}

/* Returns SQLITE_ROW when the row exists (the statement is left on it), SQLITE_DONE when not,
 * 0 on a failure. */
static int
step_by_id (SdbDatabase  *db,
            SdbStmt      *stmt,
            gint64        id,
            GError      **error)
{
  sdb_stmt_bind_int (stmt, 1, id);
  return sdb_database_step (db, stmt, error);
}

/* An organization counts in year Y unless it was founded after Y or dissolved on 1/1 of Y or
 * before. A partial date means "some day in that period", so a dissolution known only as "Y"
 * or "01/Y" may have come after 1/1 and does not refuse the award. */
static gboolean
check_organization (SdbDatabase  *db,
                    SdbAward     *award,
                    gboolean      year_valid,
                    GPtrArray    *problems,
                    GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db, "SELECT name, founded, dissolved FROM organization WHERE id = ?1",
                          error);
  g_autofree char *name = NULL;
  SdbDate founded, dissolved;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = step_by_id (db, stmt, award->organization_id, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                        _("The chosen organization no longer exists. Choose another one."));
      return TRUE;
    }
  if (!year_valid)
    return TRUE;

  name = sdb_stmt_dup_text (stmt, 0);
  sdb_stmt_get_date (stmt, 1, &founded);
  sdb_stmt_get_date (stmt, 2, &dissolved);
  if (founded.year > award->year)
    {
      g_autofree char *date = sdb_vn_format_date (&founded);

      sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                        _("“%s” was founded on %s, after the year %d of the award. Check the "
                          "year or choose another organization."),
                        name, date, award->year);
    }
  else if (dissolved.year != 0
           && (dissolved.year < award->year
               || (dissolved.year == award->year && dissolved.month == 1 && dissolved.day == 1)))
    {
      g_autofree char *date = sdb_vn_format_date (&dissolved);

      sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                        _("“%s” was dissolved on %s, before the year %d of the award. Check "
                          "the year or choose another organization."),
                        name, date, award->year);
    }
  return TRUE;
}

static gboolean
check_member (SdbDatabase  *db,
              SdbAward     *award,
              GPtrArray    *problems,
              GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, "SELECT 1 FROM member WHERE id = ?1",
                                                  error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = step_by_id (db, stmt, award->member_id, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    sdb_problems_add (problems, "member-id", SDB_SEVERITY_ERROR,
                      _("The chosen member no longer exists. Choose another one."));
  return TRUE;
}

static gboolean
check_meeting (SdbDatabase  *db,
               SdbAward     *award,
               gboolean      year_valid,
               GPtrArray    *problems,
               GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, "SELECT date FROM meeting WHERE id = ?1",
                                                  error);
  SdbDate date;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = step_by_id (db, stmt, award->meeting_id, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      sdb_problems_add (problems, "meeting-id", SDB_SEVERITY_ERROR,
                        _("The chosen meeting no longer exists. Choose another meeting or "
                          "none."));
      return TRUE;
    }
  sdb_stmt_get_date (stmt, 0, &date);
  /* An award for a year is often presented at the year-end meeting early the next year, so
   * this only asks the clerk to look again. */
  if (year_valid && date.year != 0 && date.year != award->year)
    {
      g_autofree char *text = sdb_vn_format_date (&date);

      sdb_problems_add (problems, "meeting-id", SDB_SEVERITY_WARNING,
                        _("The chosen meeting was held on %s, not in %d. Check the year of the "
                          "award and the meeting."),
                        text, award->year);
    }
  return TRUE;
}

/**
 * sdb_award_validate:
 *
 * Adds to @problems everything wrong with @award: the year, the recipient (exactly one of
 * organization, member and person's name), the form, and the records it refers to.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_award_validate (SdbDatabase  *db,
                    SdbAward     *award,
                    GPtrArray    *problems,
                    GError      **error)
{
  gboolean year_valid;
  guint recipients;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_AWARD (award), FALSE);

  year_valid = award->year >= SDB_DATE_YEAR_MIN && award->year <= SDB_DATE_YEAR_MAX;
  if (award->year == 0)
    sdb_problems_add (problems, "year", SDB_SEVERITY_ERROR, _("Enter the year of the award."));
  else if (!year_valid)
    sdb_problems_add (problems, "year", SDB_SEVERITY_ERROR,
                      _("The year of the award must be between %d and %d."),
                      SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX);

  recipients = (award->organization_id != 0) + (award->member_id != 0)
               + (*award->person_name != '\0');
  if (recipients == 0)
    sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                      _("Choose who receives the award: an organization (a collective), a "
                        "member, or enter a person’s full name."));
  else if (recipients > 1)
    sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                      _("An award goes to one recipient only. Keep just one of the "
                        "organization, the member and the person’s name, and clear the "
                        "others."));

  if (*award->form == '\0')
    sdb_problems_add (problems, "form", SDB_SEVERITY_ERROR,
                      _("Enter the form of the award, e.g. “Giấy khen”."));

  if (award->organization_id != 0
      && !check_organization (db, award, year_valid, problems, error))
    return FALSE;
  if (award->member_id != 0 && !check_member (db, award, problems, error))
    return FALSE;
  if (award->meeting_id != 0 && !check_meeting (db, award, year_valid, problems, error))
    return FALSE;

  return TRUE;
}

static gboolean
write_award (SdbDatabase  *db,
             SdbAward     *award,
             gboolean      insert,
             GPtrArray    *problems,
             GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_award_validate (db, award, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }

  if (insert)
    stmt = sdb_database_prepare (db,
                                 "INSERT INTO award (year, organization_id, member_id,"
                                 " person_name, form, reason, meeting_id)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  else
    stmt = sdb_database_prepare (db,
                                 "UPDATE award SET year = ?1, organization_id = ?2,"
                                 " member_id = ?3, person_name = ?4, form = ?5, reason = ?6,"
                                 " meeting_id = ?7 WHERE id = ?8", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, award->year);
  sdb_stmt_bind_id (stmt, 2, award->organization_id);
  sdb_stmt_bind_id (stmt, 3, award->member_id);
  /* The schema's one-recipient CHECK counts a non-NULL name, so no name is NULL, never "". */
  sdb_stmt_bind_nullable_text (stmt, 4, *award->person_name != '\0' ? award->person_name : NULL);
  sdb_stmt_bind_text (stmt, 5, award->form);
  sdb_stmt_bind_text (stmt, 6, award->reason);
  sdb_stmt_bind_id (stmt, 7, award->meeting_id);
  if (!insert)
    sdb_stmt_bind_int (stmt, 8, award->id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;

  if (insert)
    {
      award->id = sdb_database_last_insert_id (db);
      g_object_notify_by_pspec (G_OBJECT (award), properties[PROP_ID]);
    }
  else if (sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This award no longer exists; it may have been deleted."));
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, found, problems, error);
}

/**
 * sdb_award_insert:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves a new award, and sets its id. Nothing is written when validation finds
 * an error: @error is then SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_award_insert (SdbDatabase  *db,
                  SdbAward     *award,
                  GPtrArray    *problems,
                  GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_AWARD (award), FALSE);
  g_return_val_if_fail (award->id == 0, FALSE);

  return write_award (db, award, TRUE, problems, error);
}

gboolean
sdb_award_update (SdbDatabase  *db,
                  SdbAward     *award,
                  GPtrArray    *problems,
                  GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_AWARD (award), FALSE);
  g_return_val_if_fail (award->id > 0, FALSE);

  return write_award (db, award, FALSE, problems, error);
}

gboolean
sdb_award_delete (SdbDatabase  *db,
                  gint64        id,
                  GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return sdb_database_delete_by_id (db, "DELETE FROM award WHERE id = ?1", id,
                                    _("This award no longer exists; it may have been deleted."),
                                    error);
}

SdbAward *
sdb_award_lookup (SdbDatabase  *db,
                  gint64        id,
                  GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db, "SELECT " COLUMNS " FROM award WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, id);
  return sdb_database_lookup_row (db, stmt, (SdbRowFunc) from_row,
                                  _("This award no longer exists; it may have been deleted."),
                                  error);
}

/**
 * sdb_award_list:
 * @filter: (nullable): which awards; %NULL or a field of 0 matches any
 *
 * Returns: (transfer full): the awards that match, by year, then in the order they were
 * entered.
 */
GListModel *
sdb_award_list (SdbDatabase           *db,
                const SdbAwardFilter  *filter,
                GError               **error)
{
  static const SdbAwardFilter any = { 0, 0, 0, 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT " COLUMNS " FROM award WHERE 1");
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  if (filter == NULL)
    filter = &any;
  /* Only the conditions in use go into the SQL, so each can use its index; the at most 16
   * texts are each prepared once and cached. */
  if (filter->year != 0)
    g_string_append (sql, " AND year = ?1");
  if (filter->organization_id != 0)
    g_string_append (sql, " AND organization_id = ?2");
  if (filter->member_id != 0)
    g_string_append (sql, " AND member_id = ?3");
  if (filter->meeting_id != 0)
    g_string_append (sql, " AND meeting_id = ?4");
  g_string_append (sql, " ORDER BY year, id");

  stmt = sdb_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (filter->year != 0)
    sdb_stmt_bind_int (stmt, 1, filter->year);
  if (filter->organization_id != 0)
    sdb_stmt_bind_int (stmt, 2, filter->organization_id);
  if (filter->member_id != 0)
    sdb_stmt_bind_int (stmt, 3, filter->member_id);
  if (filter->meeting_id != 0)
    sdb_stmt_bind_int (stmt, 4, filter->meeting_id);
  return sdb_database_list_rows (db, stmt, SDB_TYPE_AWARD, (SdbRowFunc) from_row, error);
}

/**
 * sdb_award_count_year:
 * @collectives: (out) (optional): how many organizations were awarded in @year
 * @individuals: (out) (optional): how many members and named persons were awarded in @year
 *
 * The figures of "khen thưởng 12 tập thể và 20 cá nhân": recipients, not awards, so a cell
 * given two awards in the year counts once. A named person counts once per distinct name.
 */
gboolean
sdb_award_count_year (SdbDatabase  *db,
                      int           year,
                      guint        *collectives,
                      guint        *individuals,
                      GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  stmt = sdb_database_prepare (db,
                               "SELECT count(DISTINCT organization_id),"
                               " count(DISTINCT member_id) + count(DISTINCT person_name)"
                               " FROM award WHERE year = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, year);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  g_assert (rc == SQLITE_ROW);
  if (collectives != NULL)
    *collectives = (guint) sdb_stmt_get_int (stmt, 0);
  if (individuals != NULL)
    *individuals = (guint) sdb_stmt_get_int (stmt, 1);
  return TRUE;
}
