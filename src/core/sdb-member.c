/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-badge.h"
#include "sdb-database-private.h"
#include "sdb-enums.h"
#include "sdb-history-private.h"
#include "sdb-member.h"
#include "sdb-rating.h"

/* Dates ---------------------------------------------------------------------------------------- */

/* Old records hold partial dates ("1975", "03/1975"): a rule comparing two dates fires only
 * when it holds for every day they may stand for, so the first and the last such day. */
static SdbDate
date_earliest (const SdbDate *date)
{
  SdbDate d = *date;

  if (d.month == 0)
    d.month = 1;
  if (d.day == 0)
    d.day = 1;
  return d;
}

static SdbDate
date_latest (const SdbDate *date)
{
  SdbDate d = *date;

  if (d.month == 0)
    d.month = 12;
  if (d.day == 0)
    d.day = (guint8) sdb_date_days_in_month (d.year, d.month);
  return d;
}

/* Compared as (year, month, day) only, never used as a date: so 29/02 + 1 year needs no rule of
 * its own (it sorts between 28/02 and 01/03 of the next year, as a birthday does). */
static SdbDate
date_plus_years (SdbDate date,
                 int     years)
{
  date.year = (gint16) (date.year + years);
  return date;
}

/* TRUE when @a is before @b whatever days the partial dates stand for. */
static gboolean
certainly_before (const SdbDate *a,
                  const SdbDate *b)
{
  SdbDate last_a = date_latest (a);
  SdbDate first_b = date_earliest (b);

  return sdb_date_compare (&last_a, &first_b) < 0;
}

/* The date against which "overdue" is judged; tests set SDB_TODAY so that they never depend on
 * the day they run. */
static SdbDate
get_today (void)
{
  const char *env = g_getenv ("SDB_TODAY");
  g_autoptr(GDateTime) now = NULL;
  SdbDate today = { 0, 0, 0 };

  if (env != NULL && sdb_date_from_iso (env, &today)
      && sdb_date_get_precision (&today) == SDB_DATE_PRECISION_DAY)
    return today;

  now = g_date_time_new_now_local ();
  today.year = (gint16) g_date_time_get_year (now);
  today.month = (guint8) g_date_time_get_month (now);
  today.day = (guint8) g_date_time_get_day_of_month (now);
  return today;
}

static const SdbDate *
nullable_date (const SdbDate *date)
{
  return date->year != 0 ? date : NULL;
}

static void
set_text_notify (GObject     *object,
                 char       **field,
                 const char  *value,
                 GParamSpec  *pspec)
{
  if (sdb_set_text (field, value))
    g_object_notify_by_pspec (object, pspec);
}

static void
set_date_notify (GObject       *object,
                 SdbDate       *field,
                 const SdbDate *value,
                 GParamSpec    *pspec)
{
  if (sdb_set_date (field, value))
    g_object_notify_by_pspec (object, pspec);
}

static void
set_id_notify (GObject    *object,
               gint64     *field,
               gint64      value,
               GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

static gboolean
kind_places (SdbMemberEventKind kind)
{
  return kind != SDB_MEMBER_EVENT_KIND_TRANSFER_OUT && kind != SDB_MEMBER_EVENT_KIND_LEFT;
}

/* SdbMember ------------------------------------------------------------------------------------ */

struct _SdbMember
{
  GObject    parent_instance;

  gint64     id;
  char      *code;
  char      *full_name;
  SdbGender  gender;
  SdbDate    birth_date;
  SdbDate    admission_date;
  SdbDate    official_date;
  char      *ethnicity;
  char      *religion;
  char      *hometown;
  char      *card_number;
  char      *position;
  char      *notes;
  gint64     organization_id;
};

G_DEFINE_FINAL_TYPE (SdbMember, sdb_member, G_TYPE_OBJECT)

enum {
  MEMBER_PROP_0,
  MEMBER_PROP_ID,
  MEMBER_PROP_CODE,
  MEMBER_PROP_FULL_NAME,
  MEMBER_PROP_GENDER,
  MEMBER_PROP_BIRTH_DATE,
  MEMBER_PROP_ADMISSION_DATE,
  MEMBER_PROP_OFFICIAL_DATE,
  MEMBER_PROP_ETHNICITY,
  MEMBER_PROP_RELIGION,
  MEMBER_PROP_HOMETOWN,
  MEMBER_PROP_CARD_NUMBER,
  MEMBER_PROP_POSITION,
  MEMBER_PROP_NOTES,
  MEMBER_PROP_ORGANIZATION_ID,
  MEMBER_N_PROPS
};

static GParamSpec *member_properties[MEMBER_N_PROPS];

static void
sdb_member_finalize (GObject *object)
{
  SdbMember *self = SDB_MEMBER (object);

  g_free (self->code);
  g_free (self->full_name);
  g_free (self->ethnicity);
  g_free (self->religion);
  g_free (self->hometown);
  g_free (self->card_number);
  g_free (self->position);
  g_free (self->notes);

  G_OBJECT_CLASS (sdb_member_parent_class)->finalize (object);
}

static void
sdb_member_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SdbMember *self = SDB_MEMBER (object);

  switch (prop_id)
    {
    case MEMBER_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case MEMBER_PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case MEMBER_PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case MEMBER_PROP_GENDER:
      g_value_set_enum (value, self->gender);
      break;
    case MEMBER_PROP_BIRTH_DATE:
      g_value_set_boxed (value, nullable_date (&self->birth_date));
      break;
    case MEMBER_PROP_ADMISSION_DATE:
      g_value_set_boxed (value, nullable_date (&self->admission_date));
      break;
    case MEMBER_PROP_OFFICIAL_DATE:
      g_value_set_boxed (value, nullable_date (&self->official_date));
      break;
    case MEMBER_PROP_ETHNICITY:
      g_value_set_string (value, self->ethnicity);
      break;
    case MEMBER_PROP_RELIGION:
      g_value_set_string (value, self->religion);
      break;
    case MEMBER_PROP_HOMETOWN:
      g_value_set_string (value, self->hometown);
      break;
    case MEMBER_PROP_CARD_NUMBER:
      g_value_set_string (value, self->card_number);
      break;
    case MEMBER_PROP_POSITION:
      g_value_set_string (value, self->position);
      break;
    case MEMBER_PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case MEMBER_PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_member_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SdbMember *self = SDB_MEMBER (object);

  switch (prop_id)
    {
    case MEMBER_PROP_CODE:
      sdb_member_set_code (self, g_value_get_string (value));
      break;
    case MEMBER_PROP_FULL_NAME:
      sdb_member_set_full_name (self, g_value_get_string (value));
      break;
    case MEMBER_PROP_GENDER:
      sdb_member_set_gender (self, g_value_get_enum (value));
      break;
    case MEMBER_PROP_BIRTH_DATE:
      sdb_member_set_birth_date (self, g_value_get_boxed (value));
      break;
    case MEMBER_PROP_ADMISSION_DATE:
      sdb_member_set_admission_date (self, g_value_get_boxed (value));
      break;
    case MEMBER_PROP_OFFICIAL_DATE:
      sdb_member_set_official_date (self, g_value_get_boxed (value));
      break;
    case MEMBER_PROP_ETHNICITY:
      sdb_member_set_ethnicity (self, g_value_get_string (value));
      break;
    case MEMBER_PROP_RELIGION:
      sdb_member_set_religion (self, g_value_get_string (value));
      break;
    case MEMBER_PROP_HOMETOWN:
      sdb_member_set_hometown (self, g_value_get_string (value));
      break;
    case MEMBER_PROP_CARD_NUMBER:
      sdb_member_set_card_number (self, g_value_get_string (value));
      break;
    case MEMBER_PROP_POSITION:
      sdb_member_set_position (self, g_value_get_string (value));
      break;
    case MEMBER_PROP_NOTES:
      sdb_member_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_member_class_init (SdbMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_member_finalize;
  object_class->get_property = sdb_member_get_property;
  object_class->set_property = sdb_member_set_property;

  member_properties[MEMBER_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  member_properties[MEMBER_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, "", rw);
  member_properties[MEMBER_PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, "", rw);
  member_properties[MEMBER_PROP_GENDER] =
    g_param_spec_enum ("gender", NULL, NULL, SDB_TYPE_GENDER, SDB_GENDER_MALE, rw);
  member_properties[MEMBER_PROP_BIRTH_DATE] =
    g_param_spec_boxed ("birth-date", NULL, NULL, SDB_TYPE_DATE, rw);
  member_properties[MEMBER_PROP_ADMISSION_DATE] =
    g_param_spec_boxed ("admission-date", NULL, NULL, SDB_TYPE_DATE, rw);
  member_properties[MEMBER_PROP_OFFICIAL_DATE] =
    g_param_spec_boxed ("official-date", NULL, NULL, SDB_TYPE_DATE, rw);
  member_properties[MEMBER_PROP_ETHNICITY] =
    g_param_spec_string ("ethnicity", NULL, NULL, "", rw);
  member_properties[MEMBER_PROP_RELIGION] = g_param_spec_string ("religion", NULL, NULL, "", rw);
  member_properties[MEMBER_PROP_HOMETOWN] = g_param_spec_string ("hometown", NULL, NULL, "", rw);
  member_properties[MEMBER_PROP_CARD_NUMBER] =
    g_param_spec_string ("card-number", NULL, NULL, "", rw);
  member_properties[MEMBER_PROP_POSITION] = g_param_spec_string ("position", NULL, NULL, "", rw);
  member_properties[MEMBER_PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);
  /* Read-only: it follows the member's events, never a form. */
  member_properties[MEMBER_PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0,
                        ro | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, MEMBER_N_PROPS, member_properties);
}

static void
sdb_member_init (SdbMember *self)
{
  self->code = g_strdup ("");
  self->full_name = g_strdup ("");
  self->gender = SDB_GENDER_MALE;
  self->ethnicity = g_strdup ("");
  self->religion = g_strdup ("");
  self->hometown = g_strdup ("");
  self->card_number = g_strdup ("");
  self->position = g_strdup ("");
  self->notes = g_strdup ("");
}

SdbMember *
sdb_member_new (void)
{
  return g_object_new (SDB_TYPE_MEMBER, NULL);
}

/**
 * sdb_member_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change and save.
 */
SdbMember *
sdb_member_copy (SdbMember *self)
{
  SdbMember *copy;

  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  copy = sdb_member_new ();
  copy->id = self->id;
  sdb_set_str (&copy->code, self->code);
  sdb_set_str (&copy->full_name, self->full_name);
  copy->gender = self->gender;
  copy->birth_date = self->birth_date;
  copy->admission_date = self->admission_date;
  copy->official_date = self->official_date;
  sdb_set_str (&copy->ethnicity, self->ethnicity);
  sdb_set_str (&copy->religion, self->religion);
  sdb_set_str (&copy->hometown, self->hometown);
  sdb_set_str (&copy->card_number, self->card_number);
  sdb_set_str (&copy->position, self->position);
  sdb_set_str (&copy->notes, self->notes);
  copy->organization_id = self->organization_id;
  return copy;
}

gint64
sdb_member_get_id (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), 0);

  return self->id;
}

const char *
sdb_member_get_code (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return self->code;
}

void
sdb_member_set_code (SdbMember  *self,
                     const char *code)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_text_notify (G_OBJECT (self), &self->code, code, member_properties[MEMBER_PROP_CODE]);
}

const char *
sdb_member_get_full_name (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return self->full_name;
}

/* A name pasted from Excel often has doubled spaces; they would split it into more words than
 * it has and sort it by the wrong given name. */
void
sdb_member_set_full_name (SdbMember  *self,
                          const char *full_name)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SDB_IS_MEMBER (self));

  name = sdb_vn_normalize_name (full_name != NULL ? full_name : "");
  if (sdb_set_str (&self->full_name, name != NULL ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), member_properties[MEMBER_PROP_FULL_NAME]);
}

SdbGender
sdb_member_get_gender (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), SDB_GENDER_MALE);

  return self->gender;
}

void
sdb_member_set_gender (SdbMember *self,
                       SdbGender  gender)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  if (self->gender == gender)
    return;
  self->gender = gender;
  g_object_notify_by_pspec (G_OBJECT (self), member_properties[MEMBER_PROP_GENDER]);
}

/**
 * sdb_member_get_birth_date:
 *
 * Returns: (nullable): the date of birth, or %NULL when not known.
 */
const SdbDate *
sdb_member_get_birth_date (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return nullable_date (&self->birth_date);
}

void
sdb_member_set_birth_date (SdbMember     *self,
                           const SdbDate *birth_date)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_date_notify (G_OBJECT (self), &self->birth_date, birth_date,
                   member_properties[MEMBER_PROP_BIRTH_DATE]);
}

/**
 * sdb_member_get_admission_date:
 *
 * Returns: (nullable): the date the member was admitted to the Party, or %NULL when not known.
 */
const SdbDate *
sdb_member_get_admission_date (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return nullable_date (&self->admission_date);
}

void
sdb_member_set_admission_date (SdbMember     *self,
                               const SdbDate *admission_date)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_date_notify (G_OBJECT (self), &self->admission_date, admission_date,
                   member_properties[MEMBER_PROP_ADMISSION_DATE]);
}

/**
 * sdb_member_get_official_date:
 *
 * Returns: (nullable): the date made official, or %NULL while probationary.
 */
const SdbDate *
sdb_member_get_official_date (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return nullable_date (&self->official_date);
}

void
sdb_member_set_official_date (SdbMember     *self,
                              const SdbDate *official_date)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_date_notify (G_OBJECT (self), &self->official_date, official_date,
                   member_properties[MEMBER_PROP_OFFICIAL_DATE]);
}

const char *
sdb_member_get_ethnicity (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return self->ethnicity;
}

void
sdb_member_set_ethnicity (SdbMember  *self,
                          const char *ethnicity)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_text_notify (G_OBJECT (self), &self->ethnicity, ethnicity,
                   member_properties[MEMBER_PROP_ETHNICITY]);
}

const char *
sdb_member_get_religion (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return self->religion;
}

void
sdb_member_set_religion (SdbMember  *self,
                         const char *religion)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_text_notify (G_OBJECT (self), &self->religion, religion,
                   member_properties[MEMBER_PROP_RELIGION]);
}

const char *
sdb_member_get_hometown (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return self->hometown;
}

void
sdb_member_set_hometown (SdbMember  *self,
                         const char *hometown)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_text_notify (G_OBJECT (self), &self->hometown, hometown,
                   member_properties[MEMBER_PROP_HOMETOWN]);
}

const char *
sdb_member_get_card_number (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return self->card_number;
}

void
sdb_member_set_card_number (SdbMember  *self,
                            const char *card_number)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_text_notify (G_OBJECT (self), &self->card_number, card_number,
                   member_properties[MEMBER_PROP_CARD_NUMBER]);
}

const char *
sdb_member_get_position (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return self->position;
}

void
sdb_member_set_position (SdbMember  *self,
                         const char *position)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_text_notify (G_OBJECT (self), &self->position, position,
                   member_properties[MEMBER_PROP_POSITION]);
}

const char *
sdb_member_get_notes (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), NULL);

  return self->notes;
}

void
sdb_member_set_notes (SdbMember  *self,
                      const char *notes)
{
  g_return_if_fail (SDB_IS_MEMBER (self));

  set_text_notify (G_OBJECT (self), &self->notes, notes, member_properties[MEMBER_PROP_NOTES]);
}

/**
 * sdb_member_get_organization_id:
 *
 * Returns: the cell the member belongs to now, as recorded by their latest event; 0 when they
 * are not in the committee (transferred out, left, or not yet admitted).
 */
gint64
sdb_member_get_organization_id (SdbMember *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER (self), 0);

  return self->organization_id;
}

/* SdbMemberEvent ------------------------------------------------------------------------------- */

struct _SdbMemberEvent
{
  GObject             parent_instance;

  gint64              id;
  gint64              member_id;
  SdbDate             date;
  SdbMemberEventKind  kind;
  gint64              organization_id;
  SdbLeavingReason    reason;
  char               *place;
  char               *notes;
};

G_DEFINE_FINAL_TYPE (SdbMemberEvent, sdb_member_event, G_TYPE_OBJECT)

enum {
  EVENT_PROP_0,
  EVENT_PROP_ID,
  EVENT_PROP_MEMBER_ID,
  EVENT_PROP_DATE,
  EVENT_PROP_KIND,
  EVENT_PROP_ORGANIZATION_ID,
  EVENT_PROP_REASON,
  EVENT_PROP_PLACE,
  EVENT_PROP_NOTES,
  EVENT_N_PROPS
};

static GParamSpec *event_properties[EVENT_N_PROPS];

static void
sdb_member_event_finalize (GObject *object)
{
  SdbMemberEvent *self = SDB_MEMBER_EVENT (object);

  g_free (self->place);
  g_free (self->notes);

  G_OBJECT_CLASS (sdb_member_event_parent_class)->finalize (object);
}

static void
sdb_member_event_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdbMemberEvent *self = SDB_MEMBER_EVENT (object);

  switch (prop_id)
    {
    case EVENT_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case EVENT_PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;
    case EVENT_PROP_DATE:
      g_value_set_boxed (value, nullable_date (&self->date));
      break;
    case EVENT_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case EVENT_PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;
    case EVENT_PROP_REASON:
      g_value_set_enum (value, self->reason);
      break;
    case EVENT_PROP_PLACE:
      g_value_set_string (value, self->place);
      break;
    case EVENT_PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_member_event_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdbMemberEvent *self = SDB_MEMBER_EVENT (object);

  switch (prop_id)
    {
    case EVENT_PROP_MEMBER_ID:
      sdb_member_event_set_member_id (self, g_value_get_int64 (value));
      break;
    case EVENT_PROP_DATE:
      sdb_member_event_set_date (self, g_value_get_boxed (value));
      break;
    case EVENT_PROP_KIND:
      sdb_member_event_set_kind (self, g_value_get_enum (value));
      break;
    case EVENT_PROP_ORGANIZATION_ID:
      sdb_member_event_set_organization_id (self, g_value_get_int64 (value));
      break;
    case EVENT_PROP_REASON:
      sdb_member_event_set_reason (self, g_value_get_enum (value));
      break;
    case EVENT_PROP_PLACE:
      sdb_member_event_set_place (self, g_value_get_string (value));
      break;
    case EVENT_PROP_NOTES:
      sdb_member_event_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_member_event_class_init (SdbMemberEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_member_event_finalize;
  object_class->get_property = sdb_member_event_get_property;
  object_class->set_property = sdb_member_event_set_property;

  event_properties[EVENT_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  event_properties[EVENT_PROP_MEMBER_ID] =
    g_param_spec_int64 ("member-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  event_properties[EVENT_PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, SDB_TYPE_DATE, rw);
  event_properties[EVENT_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SDB_TYPE_MEMBER_EVENT_KIND,
                       SDB_MEMBER_EVENT_KIND_MOVE, rw);
  event_properties[EVENT_PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /* Meaningful only for a departure from the Party ("left"). */
  event_properties[EVENT_PROP_REASON] =
    g_param_spec_enum ("reason", NULL, NULL, SDB_TYPE_LEAVING_REASON, SDB_LEAVING_REASON_DIED,
                       rw);
  event_properties[EVENT_PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, "", rw);
  event_properties[EVENT_PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);

  g_object_class_install_properties (object_class, EVENT_N_PROPS, event_properties);
}

static void
sdb_member_event_init (SdbMemberEvent *self)
{
  self->kind = SDB_MEMBER_EVENT_KIND_MOVE;
  self->reason = SDB_LEAVING_REASON_DIED;
  self->place = g_strdup ("");
  self->notes = g_strdup ("");
}

SdbMemberEvent *
sdb_member_event_new (void)
{
  return g_object_new (SDB_TYPE_MEMBER_EVENT, NULL);
}

/**
 * sdb_member_event_copy:
 *
 * Returns: (transfer full): a copy with the same id.
 */
SdbMemberEvent *
sdb_member_event_copy (SdbMemberEvent *self)
{
  SdbMemberEvent *copy;

  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (self), NULL);

  copy = sdb_member_event_new ();
  copy->id = self->id;
  copy->member_id = self->member_id;
  copy->date = self->date;
  copy->kind = self->kind;
  copy->organization_id = self->organization_id;
  copy->reason = self->reason;
  sdb_set_str (&copy->place, self->place);
  sdb_set_str (&copy->notes, self->notes);
  return copy;
}

gint64
sdb_member_event_get_id (SdbMemberEvent *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (self), 0);

  return self->id;
}

gint64
sdb_member_event_get_member_id (SdbMemberEvent *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (self), 0);

  return self->member_id;
}

void
sdb_member_event_set_member_id (SdbMemberEvent *self,
                                gint64          member_id)
{
  g_return_if_fail (SDB_IS_MEMBER_EVENT (self));

  set_id_notify (G_OBJECT (self), &self->member_id, member_id,
                 event_properties[EVENT_PROP_MEMBER_ID]);
}

/**
 * sdb_member_event_get_date:
 *
 * Returns: (nullable): the date of the event, or %NULL when not set.
 */
const SdbDate *
sdb_member_event_get_date (SdbMemberEvent *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (self), NULL);

  return nullable_date (&self->date);
}

void
sdb_member_event_set_date (SdbMemberEvent *self,
                           const SdbDate  *date)
{
  g_return_if_fail (SDB_IS_MEMBER_EVENT (self));

  set_date_notify (G_OBJECT (self), &self->date, date, event_properties[EVENT_PROP_DATE]);
}

SdbMemberEventKind
sdb_member_event_get_kind (SdbMemberEvent *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (self), SDB_MEMBER_EVENT_KIND_MOVE);

  return self->kind;
}

void
sdb_member_event_set_kind (SdbMemberEvent     *self,
                           SdbMemberEventKind  kind)
{
  g_return_if_fail (SDB_IS_MEMBER_EVENT (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), event_properties[EVENT_PROP_KIND]);
}

/**
 * sdb_member_event_get_organization_id:
 *
 * Returns: the cell the event places the member in; 0 for a transfer out or a departure.
 */
gint64
sdb_member_event_get_organization_id (SdbMemberEvent *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (self), 0);

  return self->organization_id;
}

void
sdb_member_event_set_organization_id (SdbMemberEvent *self,
                                      gint64          organization_id)
{
  g_return_if_fail (SDB_IS_MEMBER_EVENT (self));

  set_id_notify (G_OBJECT (self), &self->organization_id, organization_id,
                 event_properties[EVENT_PROP_ORGANIZATION_ID]);
}

SdbLeavingReason
sdb_member_event_get_reason (SdbMemberEvent *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (self), SDB_LEAVING_REASON_DIED);

  return self->reason;
}

void
sdb_member_event_set_reason (SdbMemberEvent   *self,
                             SdbLeavingReason  reason)
{
  g_return_if_fail (SDB_IS_MEMBER_EVENT (self));

  if (self->reason == reason)
    return;
  self->reason = reason;
  g_object_notify_by_pspec (G_OBJECT (self), event_properties[EVENT_PROP_REASON]);
}

/**
 * sdb_member_event_get_place:
 *
 * Returns: for a transfer, where the member came from or went to.
 */
const char *
sdb_member_event_get_place (SdbMemberEvent *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (self), NULL);

  return self->place;
}

void
sdb_member_event_set_place (SdbMemberEvent *self,
                            const char     *place)
{
  g_return_if_fail (SDB_IS_MEMBER_EVENT (self));

  set_text_notify (G_OBJECT (self), &self->place, place, event_properties[EVENT_PROP_PLACE]);
}

const char *
sdb_member_event_get_notes (SdbMemberEvent *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (self), NULL);

  return self->notes;
}

void
sdb_member_event_set_notes (SdbMemberEvent *self,
                            const char     *notes)
{
  g_return_if_fail (SDB_IS_MEMBER_EVENT (self));

  set_text_notify (G_OBJECT (self), &self->notes, notes, event_properties[EVENT_PROP_NOTES]);
}

/* SdbMemberExemption --------------------------------------------------------------------------- */

struct _SdbMemberExemption
{
  GObject  parent_instance;

  gint64   id;
  gint64   member_id;
  SdbDate  first_date;
  SdbDate  last_date;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (SdbMemberExemption, sdb_member_exemption, G_TYPE_OBJECT)

enum {
  EXEMPTION_PROP_0,
  EXEMPTION_PROP_ID,
  EXEMPTION_PROP_MEMBER_ID,
  EXEMPTION_PROP_FIRST_DATE,
  EXEMPTION_PROP_LAST_DATE,
  EXEMPTION_PROP_REASON,
  EXEMPTION_N_PROPS
};

static GParamSpec *exemption_properties[EXEMPTION_N_PROPS];

static void
sdb_member_exemption_finalize (GObject *object)
{
  SdbMemberExemption *self = SDB_MEMBER_EXEMPTION (object);

  g_free (self->reason);

  G_OBJECT_CLASS (sdb_member_exemption_parent_class)->finalize (object);
}

static void
sdb_member_exemption_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SdbMemberExemption *self = SDB_MEMBER_EXEMPTION (object);

  switch (prop_id)
    {
    case EXEMPTION_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case EXEMPTION_PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;
    case EXEMPTION_PROP_FIRST_DATE:
      g_value_set_boxed (value, nullable_date (&self->first_date));
      break;
    case EXEMPTION_PROP_LAST_DATE:
      g_value_set_boxed (value, nullable_date (&self->last_date));
      break;
    case EXEMPTION_PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_member_exemption_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SdbMemberExemption *self = SDB_MEMBER_EXEMPTION (object);

  switch (prop_id)
    {
    case EXEMPTION_PROP_MEMBER_ID:
      sdb_member_exemption_set_member_id (self, g_value_get_int64 (value));
      break;
    case EXEMPTION_PROP_FIRST_DATE:
      sdb_member_exemption_set_first_date (self, g_value_get_boxed (value));
      break;
    case EXEMPTION_PROP_LAST_DATE:
      sdb_member_exemption_set_last_date (self, g_value_get_boxed (value));
      break;
    case EXEMPTION_PROP_REASON:
      sdb_member_exemption_set_reason (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_member_exemption_class_init (SdbMemberExemptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_member_exemption_finalize;
  object_class->get_property = sdb_member_exemption_get_property;
  object_class->set_property = sdb_member_exemption_set_property;

  exemption_properties[EXEMPTION_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  exemption_properties[EXEMPTION_PROP_MEMBER_ID] =
    g_param_spec_int64 ("member-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  exemption_properties[EXEMPTION_PROP_FIRST_DATE] =
    g_param_spec_boxed ("first-date", NULL, NULL, SDB_TYPE_DATE, rw);
  /* %NULL while the member is still exempt. */
  exemption_properties[EXEMPTION_PROP_LAST_DATE] =
    g_param_spec_boxed ("last-date", NULL, NULL, SDB_TYPE_DATE, rw);
  exemption_properties[EXEMPTION_PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, "", rw);

  g_object_class_install_properties (object_class, EXEMPTION_N_PROPS, exemption_properties);
}

static void
sdb_member_exemption_init (SdbMemberExemption *self)
{
  self->reason = g_strdup ("");
}

SdbMemberExemption *
sdb_member_exemption_new (void)
{
  return g_object_new (SDB_TYPE_MEMBER_EXEMPTION, NULL);
}

/**
 * sdb_member_exemption_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change and save.
 */
SdbMemberExemption *
sdb_member_exemption_copy (SdbMemberExemption *self)
{
  SdbMemberExemption *copy;

  g_return_val_if_fail (SDB_IS_MEMBER_EXEMPTION (self), NULL);

  copy = sdb_member_exemption_new ();
  copy->id = self->id;
  copy->member_id = self->member_id;
  copy->first_date = self->first_date;
  copy->last_date = self->last_date;
  sdb_set_str (&copy->reason, self->reason);
  return copy;
}

gint64
sdb_member_exemption_get_id (SdbMemberExemption *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EXEMPTION (self), 0);

  return self->id;
}

gint64
sdb_member_exemption_get_member_id (SdbMemberExemption *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EXEMPTION (self), 0);

  return self->member_id;
}

void
sdb_member_exemption_set_member_id (SdbMemberExemption *self,
                                    gint64              member_id)
{
  g_return_if_fail (SDB_IS_MEMBER_EXEMPTION (self));

  set_id_notify (G_OBJECT (self), &self->member_id, member_id,
                 exemption_properties[EXEMPTION_PROP_MEMBER_ID]);
}

/**
 * sdb_member_exemption_get_first_date:
 *
 * Returns: (nullable): the first day of the exemption.
 */
const SdbDate *
sdb_member_exemption_get_first_date (SdbMemberExemption *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EXEMPTION (self), NULL);

  return nullable_date (&self->first_date);
}

void
sdb_member_exemption_set_first_date (SdbMemberExemption *self,
                                     const SdbDate      *first_date)
{
  g_return_if_fail (SDB_IS_MEMBER_EXEMPTION (self));

  set_date_notify (G_OBJECT (self), &self->first_date, first_date,
                   exemption_properties[EXEMPTION_PROP_FIRST_DATE]);
}

/**
 * sdb_member_exemption_get_last_date:
 *
 * Returns: (nullable): the last day of the exemption, or %NULL while it lasts.
 */
const SdbDate *
sdb_member_exemption_get_last_date (SdbMemberExemption *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EXEMPTION (self), NULL);

  return nullable_date (&self->last_date);
}

void
sdb_member_exemption_set_last_date (SdbMemberExemption *self,
                                    const SdbDate      *last_date)
{
  g_return_if_fail (SDB_IS_MEMBER_EXEMPTION (self));

  set_date_notify (G_OBJECT (self), &self->last_date, last_date,
                   exemption_properties[EXEMPTION_PROP_LAST_DATE]);
}

const char *
sdb_member_exemption_get_reason (SdbMemberExemption *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_EXEMPTION (self), NULL);

  return self->reason;
}

void
sdb_member_exemption_set_reason (SdbMemberExemption *self,
                                 const char         *reason)
{
  g_return_if_fail (SDB_IS_MEMBER_EXEMPTION (self));

  set_text_notify (G_OBJECT (self), &self->reason, reason,
                   exemption_properties[EXEMPTION_PROP_REASON]);
}

/* Members: validation and storage --------------------------------------------------------------- */

#define MEMBER_COLUMNS \
  "id, code, full_name, gender, birth_date, ethnicity, religion, hometown, card_number," \
  " position, notes, admission_date, official_date, organization_id"

static SdbMember *
member_from_row (SdbStmt *stmt)
{
  SdbMember *self = sdb_member_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  g_free (self->code);
  self->code = sdb_stmt_dup_text (stmt, 1);
  g_free (self->full_name);
  self->full_name = sdb_stmt_dup_text (stmt, 2);
  self->gender = sdb_stmt_get_enum (stmt, 3, SDB_TYPE_GENDER);
  sdb_stmt_get_date (stmt, 4, &self->birth_date);
  g_free (self->ethnicity);
  self->ethnicity = sdb_stmt_dup_text (stmt, 5);
  g_free (self->religion);
  self->religion = sdb_stmt_dup_text (stmt, 6);
  g_free (self->hometown);
  self->hometown = sdb_stmt_dup_text (stmt, 7);
  g_free (self->card_number);
  self->card_number = sdb_stmt_dup_text (stmt, 8);
  g_free (self->position);
  self->position = sdb_stmt_dup_text (stmt, 9);
  g_free (self->notes);
  self->notes = sdb_stmt_dup_text (stmt, 10);
  sdb_stmt_get_date (stmt, 11, &self->admission_date);
  sdb_stmt_get_date (stmt, 12, &self->official_date);
  self->organization_id = sdb_stmt_get_int (stmt, 13);
  return self;
}

/* Returns TRUE when @date is set and real; an impossible one is reported under @field with
 * @message, marked by N_() and translated only then. */
static gboolean
check_date_field (GPtrArray     *problems,
                  const char    *field,
                  const SdbDate *date,
                  const char    *message)
{
  if (date->year == 0)
    return FALSE;
  if (sdb_date_is_valid (date))
    return TRUE;
  /* Translated only here: looking up three messages for every member of an import cost more
   * than checking its dates. */
  sdb_problems_add (problems, field, SDB_SEVERITY_ERROR, "%s", _(message));
  return FALSE;
}

/* @in_committee: whether the member is in the committee (or will be, for an admission); -1 to
 * take it from the database. */
static gboolean
validate_member (SdbDatabase  *db,
                 SdbMember    *member,
                 int           in_committee,
                 GPtrArray    *problems,
                 GError      **error)
{
  gboolean birth_ok, admission_ok, official_ok;

  if (*member->code == '\0')
    sdb_problems_add (problems, "code", SDB_SEVERITY_ERROR,
                      _("Enter the member’s code, e.g. the number of their party record."));
  else
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db, "SELECT 1 FROM member WHERE code = ?1 AND id <> ?2", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_text (stmt, 1, member->code);
      sdb_stmt_bind_int (stmt, 2, member->id);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        sdb_problems_add (problems, "code", SDB_SEVERITY_ERROR,
                          _("Another member already has the code “%s”. Enter a different "
                            "code."), member->code);
    }

  if (*member->full_name == '\0')
    sdb_problems_add (problems, "full-name", SDB_SEVERITY_ERROR,
                      _("Enter the member’s full name."));
  if (sdb_enum_to_code (SDB_TYPE_GENDER, member->gender) == NULL)
    sdb_problems_add (problems, "gender", SDB_SEVERITY_ERROR, _("Choose the member’s gender."));

  birth_ok = check_date_field (problems, "birth-date", &member->birth_date,
                               N_("The date of birth is not a real date. Enter it as "
                                 "dd/mm/yyyy."));
  admission_ok = check_date_field (problems, "admission-date", &member->admission_date,
                                   N_("The admission date is not a real date. Enter it as "
                                     "dd/mm/yyyy."));
  official_ok = check_date_field (problems, "official-date", &member->official_date,
                                  N_("The date made official is not a real date. Enter it as "
                                    "dd/mm/yyyy."));

  if (birth_ok && admission_ok)
    {
      SdbDate adult = date_plus_years (date_earliest (&member->birth_date), 18);
      SdbDate admitted = date_latest (&member->admission_date);

      if (certainly_before (&member->admission_date, &member->birth_date))
        sdb_problems_add (problems, "birth-date", SDB_SEVERITY_ERROR,
                          _("The date of birth is after the admission date. Check both "
                            "dates."));
      else if (sdb_date_compare (&admitted, &adult) < 0)
        sdb_problems_add (problems, "admission-date", SDB_SEVERITY_ERROR,
                          _("The member was younger than 18 on the admission date. Check the "
                            "admission date and the date of birth."));
    }

  if (member->official_date.year != 0)
    {
      if (member->admission_date.year == 0)
        sdb_problems_add (problems, "official-date", SDB_SEVERITY_ERROR,
                          _("Enter the admission date too: a member is made official after "
                            "12 months of probation from it."));
      else if (official_ok && admission_ok)
        {
          SdbDate due = date_plus_years (date_earliest (&member->admission_date), 1);
          SdbDate official = date_latest (&member->official_date);

          if (sdb_date_compare (&official, &due) < 0)
            sdb_problems_add (problems, "official-date", SDB_SEVERITY_ERROR,
                              _("The date made official is less than 12 months after the "
                                "admission date: the probation lasts 12 months. Check both "
                                "dates."));
        }
    }

  if (member->id != 0)
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db,
                              "SELECT organization_id,"
                              "       EXISTS (SELECT 1 FROM member_event"
                              "               WHERE member_id = ?1 AND +kind = 'admitted'),"
                              "       (SELECT min (date) FROM member_event"
                              "        WHERE member_id = ?1 AND kind <> 'admitted')"
                              " FROM member WHERE id = ?1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_int (stmt, 1, member->id);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          gboolean admitted_here = sdb_stmt_get_int (stmt, 1) != 0;
          SdbDate first_other;

          sdb_stmt_get_date (stmt, 2, &first_other);
          if (in_committee < 0)
            in_committee = !sdb_stmt_is_null (stmt, 0);

          if (admitted_here && member->admission_date.year == 0)
            sdb_problems_add (problems, "admission-date", SDB_SEVERITY_ERROR,
                              _("The member was admitted by this committee: enter the "
                                "admission date."));
          else if (admission_ok && first_other.year != 0
                   && certainly_before (&first_other, &member->admission_date))
            {
              g_autofree char *date = sdb_vn_format_date (&first_other);

              sdb_problems_add (problems, "admission-date", SDB_SEVERITY_ERROR,
                                _("The member’s history has an event on %s, before this "
                                  "admission date. Check the date."), date);
            }
        }
    }
  if (in_committee < 0)
    in_committee = member->organization_id != 0;

  if (in_committee && admission_ok && member->official_date.year == 0)
    {
      SdbDate due = date_plus_years (date_latest (&member->admission_date), 1);
      SdbDate today = get_today ();

      if (sdb_date_compare (&due, &today) < 0)
        {
          g_autofree char *date = sdb_vn_format_date (&member->admission_date);

          sdb_problems_add (problems, "official-date", SDB_SEVERITY_WARNING,
                            _("The member was admitted on %s and is still probationary after "
                              "12 months. Enter the date made official, or record the "
                              "decision that ended the probation."), date);
        }
    }

  return TRUE;
}

/**
 * sdb_member_validate:
 *
 * Adds to @problems everything wrong with @member: errors (which block a save) and warnings
 * (a probation overdue).
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_member_validate (SdbDatabase  *db,
                     SdbMember    *member,
                     GPtrArray    *problems,
                     GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  return validate_member (db, member, -1, problems, error);
}

static void
set_member_organization (SdbMember *member,
                         gint64     organization_id)
{
  set_id_notify (G_OBJECT (member), &member->organization_id, organization_id,
                 member_properties[MEMBER_PROP_ORGANIZATION_ID]);
}

/* After a rolled-back insert, the object must not keep an id that does not exist. */
static void
forget_insert (SdbMember *member)
{
  if (member->id == 0)
    return;
  member->id = 0;
  g_object_notify_by_pspec (G_OBJECT (member), member_properties[MEMBER_PROP_ID]);
  set_member_organization (member, 0);
}

/* Keeps member.organization_id equal to the organization of the latest event (ties: the one
 * recorded last), which is what the member list filters on. */
static gboolean
refresh_organization (SdbDatabase  *db,
                      gint64        member_id,
                      gint64       *organization_id,
                      GError      **error)
{
  {
    g_autoptr(SdbStmt) stmt =
      sdb_database_prepare (db,
                            "UPDATE member SET organization_id ="
                            " (SELECT organization_id FROM member_event WHERE member_id = ?1"
                            "  ORDER BY date DESC, id DESC LIMIT 1)"
                            " WHERE id = ?1", error);

    if (stmt == NULL)
      return FALSE;
    sdb_stmt_bind_int (stmt, 1, member_id);
    if (!sdb_database_step_done (db, stmt, error))
      return FALSE;
  }

  if (organization_id != NULL)
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db, "SELECT organization_id FROM member WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_int (stmt, 1, member_id);
      *organization_id = 0;
      switch (sdb_database_step (db, stmt, error))
        {
        case SQLITE_ROW:
          *organization_id = sdb_stmt_get_int (stmt, 0);
          break;
        case SQLITE_DONE:
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
/* @organization_id: for an insert, the cell of the event that is about to place the member
 * (0 for none yet), stored at once so that no update has to follow. */
store_member (SdbDatabase  *db,
              SdbMember    *member,
              gboolean      insert,
              gint64        organization_id,
              GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  if (insert)
    stmt = sdb_database_prepare (db,
                                 "INSERT INTO member (code, full_name, name_key, search_key,"
                                 " gender, birth_date, ethnicity, religion, hometown,"
                                 " card_number, position, notes, admission_date, official_date,"
                                 " organization_id)"
                                 " VALUES (?1, ?2, sdb_name_key (?2), sdb_search_key (?2), ?3,"
                                 " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14)", error);
  else
    stmt = sdb_database_prepare (db,
                                 "UPDATE member SET code = ?1, full_name = ?2,"
                                 " name_key = sdb_name_key (?2), search_key = sdb_search_key (?2),"
                                 " gender = ?3, birth_date = ?4, ethnicity = ?5, religion = ?6,"
                                 " hometown = ?7, card_number = ?8, position = ?9, notes = ?10,"
                                 " admission_date = ?11, official_date = ?12"
                                 " WHERE id = ?13", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_text (stmt, 1, member->code);
  sdb_stmt_bind_text (stmt, 2, member->full_name);
  sdb_stmt_bind_enum (stmt, 3, SDB_TYPE_GENDER, member->gender);
  sdb_stmt_bind_date (stmt, 4, &member->birth_date);
  sdb_stmt_bind_text (stmt, 5, member->ethnicity);
  sdb_stmt_bind_text (stmt, 6, member->religion);
  sdb_stmt_bind_text (stmt, 7, member->hometown);
  sdb_stmt_bind_text (stmt, 8, member->card_number);
  sdb_stmt_bind_text (stmt, 9, member->position);
  sdb_stmt_bind_text (stmt, 10, member->notes);
  sdb_stmt_bind_date (stmt, 11, &member->admission_date);
  sdb_stmt_bind_date (stmt, 12, &member->official_date);
  if (!insert)
    sdb_stmt_bind_int (stmt, 13, member->id);
  else
    sdb_stmt_bind_id (stmt, 14, organization_id);
  if (!sdb_database_step_done (db, stmt, error))
    return FALSE;

  if (insert)
    {
      member->id = sdb_database_last_insert_id (db);
      g_object_notify_by_pspec (G_OBJECT (member), member_properties[MEMBER_PROP_ID]);
      /* Only an event places a member in a cell. */
      set_member_organization (member, organization_id);
    }
  else if (sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This member no longer exists; they may have been deleted."));
      return FALSE;
    }
  return TRUE;
}

/* The admission event is dated by the member's admission date: an edit of the date moves it. */
static gboolean
sync_admission_event (SdbDatabase  *db,
                      SdbMember    *member,
                      GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  if (member->admission_date.year == 0)
    return TRUE;
  stmt = sdb_database_prepare (db,
                               "UPDATE member_event SET date = ?2"
                               " WHERE member_id = ?1 AND +kind = 'admitted'", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, member->id);
  sdb_stmt_bind_date (stmt, 2, &member->admission_date);
  return sdb_database_step_done (db, stmt, error);
}

/* What depends on the member's dates ----------------------------------------------------------- */

/* A member's party badges and yearly ratings hold only for the party age and the time in the
 * committee that the member's dates give. A write that may change those dates (the admission
 * date, the history of events, the exemptions) runs, after its change, the validation `check`
 * runs on each of the member's badges and ratings, and is refused when one of them becomes
 * invalid. One that was invalid before the write (old data) does not block it: `check` reports
 * it, and the clerk may be correcting exactly those dates. */

/* A change of the member's dates, written inside the caller's transaction. */
typedef gboolean (*DatesChangeFunc) (SdbDatabase  *db,
                                     gpointer      data,
                                     GError      **error);

/* The member's badges and ratings, each kind found through its index on the member. */
static GPtrArray *
list_dependents (SdbDatabase  *db,
                 gint64        member_id,
                 GError      **error)
{
  g_autoptr(GPtrArray) dependents = g_ptr_array_new_with_free_func (g_object_unref);
  const SdbRatingFilter filter = { TRUE, 0, member_id };
  g_autoptr(GListModel) badges = NULL;
  g_autoptr(GListModel) ratings = NULL;

  /* A member id of 0 would list everyone's. */
  if (member_id <= 0)
    return g_steal_pointer (&dependents);

  badges = sdb_badge_list (db, 0, member_id, error);
  if (badges == NULL)
    return NULL;
  ratings = sdb_rating_list (db, &filter, error);
  if (ratings == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    g_ptr_array_add (dependents, g_list_model_get_item (badges, i));
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    g_ptr_array_add (dependents, g_list_model_get_item (ratings, i));
  return g_steal_pointer (&dependents);
}

/* Validates @dependent, a badge or a rating, as `check` does, and gives the first error found in
 * @invalid (%NULL when none). Returns %FALSE only when the database could not be read. */
static gboolean
validate_dependent (SdbDatabase  *db,
                    GObject      *dependent,
                    SdbProblem  **invalid,
                    GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  const SdbProblem *first;

  *invalid = NULL;
  if (SDB_IS_BADGE (dependent) ? !sdb_badge_validate (db, SDB_BADGE (dependent), found, error)
                               : !sdb_rating_validate (db, SDB_RATING (dependent), found, error))
    return FALSE;
  first = sdb_problems_find (found, NULL, SDB_SEVERITY_ERROR);
  if (first != NULL)
    *invalid = sdb_problem_copy (first);
  return TRUE;
}

/* Tells the clerk at the member's record what the change does to @dependent, whose validation
 * found @invalid. Called while the change is in place, so the party age is the new one. */
static char *
explain_broken (SdbDatabase       *db,
                gint64             member_id,
                GObject           *dependent,
                const SdbProblem  *invalid,
                GError           **error)
{
  if (SDB_IS_BADGE (dependent))
    {
      SdbBadge *badge = SDB_BADGE (dependent);
      const SdbDate *day = sdb_badge_get_date (badge);
      g_autofree char *date = day != NULL ? sdb_vn_format_date (day) : g_strdup ("");
      int years = sdb_badge_get_years (badge);
      int months = -1;

      if (day != NULL && sdb_date_is_valid (day)
          && !sdb_party_age_months (db, member_id, day, &months, error))
        return NULL;
      if (months >= 0 && months < years * 12)
        return g_strdup_printf (_("The member received the %d-year party badge on %s; after this "
                                  "change their party age on that day would be %d years and %d "
                                  "months. If the change is right, correct or delete the badge "
                                  "first."),
                                years, date, months / 12, months % 12);
      return g_strdup_printf (_("After this change, the member’s %d-year party badge of %s would "
                                "no longer be valid: %s"),
                              years, date, invalid->message);
    }
  else
    {
      int year = sdb_rating_get_year (SDB_RATING (dependent));

      /* The year of a stored rating is valid: an error on it now is about the member's time
       * in the committee. */
      if (g_strcmp0 (invalid->field, "year") == 0)
        return g_strdup_printf (_("The member has a rating for %d; after this change they would "
                                  "not have been in the committee at any time that year. If the "
                                  "change is right, correct or delete that rating first."),
                                year);
      return g_strdup_printf (_("After this change, the member’s rating for %d would no longer "
                                "be valid: %s"),
                              year, invalid->message);
    }
}

/* Writes @change, a change of @member_id's dates, inside the caller's transaction, then
 * validates each of the member's badges and ratings. When the change makes one of them invalid,
 * it is undone and an error under @field says why, in @problems: the caller refuses the write.
 * Validation runs once when nothing is broken; only when something is does the state before
 * the change get read, to leave aside what was broken already.
 *
 * Returns: %FALSE only when the change or a read failed (@error is set). */
static gboolean
change_dates (SdbDatabase      *db,
              gint64            member_id,
              DatesChangeFunc   change,
              gpointer          data,
              const char       *field,
              GPtrArray        *problems,
              GError          **error)
{
  g_autoptr(GPtrArray) dependents = NULL;
  g_autoptr(GPtrArray) broken = g_ptr_array_new ();   /* borrowed from @dependents */
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  guint n_new = 0;

  /* The change writes no badge nor rating: the list before it is the list after it. */
  dependents = list_dependents (db, member_id, error);
  if (dependents == NULL)
    return FALSE;
  if (dependents->len == 0)
    return change (db, data, error);

  if (!sdb_database_begin (db, error))
    return FALSE;
  if (!change (db, data, error))
    goto failed;
  for (guint i = 0; i < dependents->len; i++)
    {
      GObject *dependent = g_ptr_array_index (dependents, i);
      g_autoptr(SdbProblem) invalid = NULL;
      char *message;

      if (!validate_dependent (db, dependent, &invalid, error))
        goto failed;
      if (invalid == NULL)
        continue;
      message = explain_broken (db, member_id, dependent, invalid, error);
      if (message == NULL)
        goto failed;
      g_ptr_array_add (broken, dependent);
      g_ptr_array_add (messages, message);
    }
  if (broken->len == 0)
    return sdb_database_commit (db, error);

  sdb_database_rollback (db);
  for (guint i = 0; i < broken->len; i++)
    {
      g_autoptr(SdbProblem) invalid = NULL;

      if (!validate_dependent (db, g_ptr_array_index (broken, i), &invalid, error))
        return FALSE;
      if (invalid != NULL)
        continue;
      sdb_problems_add (problems, field, SDB_SEVERITY_ERROR, "%s",
                        (const char *) g_ptr_array_index (messages, i));
      n_new++;
    }
  /* Everything broken was broken already: the change itself is acceptable. */
  return n_new > 0 || change (db, data, error);

failed:
  sdb_database_rollback (db);
  return FALSE;
}

/* The person's details of an existing member; the cell their events now give them. */
typedef struct
{
  SdbMember *member;
  gint64     organization_id;
} MemberUpdate;

static gboolean
update_member (SdbDatabase  *db,
               gpointer      data,
               GError      **error)
{
  MemberUpdate *update = data;

  return store_member (db, update->member, FALSE, 0, error)
         && sync_admission_event (db, update->member, error)
         && refresh_organization (db, update->member->id, &update->organization_id, error);
}

static gboolean
write_member (SdbDatabase  *db,
              SdbMember    *member,
              gboolean      insert,
              GPtrArray    *problems,
              GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!validate_member (db, member, insert ? FALSE : -1, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }
  if (insert)
    {
      if (!store_member (db, member, TRUE, 0, error))
        goto out;
    }
  else
    {
      MemberUpdate update = { member, 0 };

      /* Of the person's details, the admission date is the one their badges and ratings
       * depend on: what a change breaks is said under it. */
      if (!change_dates (db, member->id, update_member, &update, "admission-date", found,
                         error))
        goto out;
      if (sdb_problems_has_errors (found))
        {
          sdb_database_set_invalid_error (found, error);
          goto out;
        }
      set_member_organization (member, update.organization_id);
    }
  ok = TRUE;

out:
  ok = sdb_database_finish_write (db, ok, found, problems, error);
  if (!ok && insert)
    forget_insert (member);
  return ok;
}

/**
 * sdb_member_insert:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves a new member and sets their id. The member is not yet in any cell: use
 * sdb_member_admit () or sdb_member_transfer_in () to record how they entered the committee.
 * Nothing is written when validation finds an error: @error is then
 * SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_member_insert (SdbDatabase  *db,
                   SdbMember    *member,
                   GPtrArray    *problems,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (member->id == 0, FALSE);

  return write_member (db, member, TRUE, problems, error);
}

/**
 * sdb_member_update:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Saves the person's details. Where the member is ("organization-id") is not changed here but
 * by events; a changed admission date moves the admission event with it. A new admission date
 * that would make one of the member's party badges or ratings invalid (a party age short of
 * the badge's years, a rating for a year before they joined) is refused with an error on
 * "admission-date", and nothing is written.
 */
gboolean
sdb_member_update (SdbDatabase  *db,
                   SdbMember    *member,
                   GPtrArray    *problems,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (member->id > 0, FALSE);

  return write_member (db, member, FALSE, problems, error);
}

/**
 * sdb_member_delete:
 *
 * Deletes a member with their history and exemptions, for a record entered by mistake; a member
 * who leaves is recorded with sdb_member_leave () instead, so past figures keep them.
 */
gboolean
sdb_member_delete (SdbDatabase  *db,
                   gint64        id,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return sdb_database_delete_by_id (db, "DELETE FROM member WHERE id = ?1", id,
                                    _("This member no longer exists; they may have been deleted."),
                                    error);
}

/**
 * sdb_member_lookup:
 *
 * Returns: (transfer full): the member with @id, or %NULL with SDB_DATABASE_ERROR_NOT_FOUND.
 */
SdbMember *
sdb_member_lookup (SdbDatabase  *db,
                   gint64        id,
                   GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db, "SELECT " MEMBER_COLUMNS " FROM member WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, id);
  return sdb_database_lookup_row (db, stmt, (SdbRowFunc) member_from_row,
                                  _("This member no longer exists; they may have been deleted."),
                                  error);
}

/**
 * sdb_member_lookup_by_code:
 *
 * Returns: (transfer full): the member whose code is @code, or %NULL with
 * SDB_DATABASE_ERROR_NOT_FOUND.
 */
SdbMember *
sdb_member_lookup_by_code (SdbDatabase  *db,
                           const char   *code,
                           GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *not_found = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  /* Codes are stored the way the setter stores them. */
  sdb_set_text (&normalized, code);
  stmt = sdb_database_prepare (db, "SELECT " MEMBER_COLUMNS " FROM member WHERE code = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_text (stmt, 1, normalized);
  not_found = g_strdup_printf (_("No member has the code “%s”."), normalized);
  return sdb_database_lookup_row (db, stmt, (SdbRowFunc) member_from_row, not_found, error);
}

/* Events --------------------------------------------------------------------------------------- */

/* One event of a member's history, as far as the order of events is concerned. */
typedef struct
{
  gint64              id;
  SdbDate             date;
  SdbMemberEventKind  kind;
  gint64              organization_id;
} Step;

/* The member's history in the order it happened: by date, then in the order recorded. */
static GArray *
load_history (SdbDatabase  *db,
              gint64        member_id,
              GError      **error)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT id, date, kind, organization_id FROM member_event"
                          " WHERE member_id = ?1 ORDER BY date, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, member_id);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      Step step;

      step.id = sdb_stmt_get_int (stmt, 0);
      sdb_stmt_get_date (stmt, 1, &step.date);
      step.kind = sdb_stmt_get_enum (stmt, 2, SDB_TYPE_MEMBER_EVENT_KIND);
      step.organization_id = sdb_stmt_get_int (stmt, 3);
      g_array_append_val (steps, step);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&steps);
}

/* What is wrong with @step following the history before it, which left the member in
 * @organization_id (0: outside the committee); %NULL when nothing. */
static const char *
step_problem (const Step *step,
              gboolean    first,
              gint64      organization_id)
{
  switch (step->kind)
    {
    case SDB_MEMBER_EVENT_KIND_ADMITTED:
      if (!first)
        return _("A member is admitted only once, as the first event of their history. For a "
                 "member who left the Party and returns, record a readmission.");
      return NULL;
    case SDB_MEMBER_EVENT_KIND_TRANSFER_IN:
    case SDB_MEMBER_EVENT_KIND_READMITTED:
      if (first && step->kind == SDB_MEMBER_EVENT_KIND_READMITTED)
        break;
      if (organization_id != 0)
        return _("On this date the member is already in the committee. For a change of cell, "
                 "record a move.");
      return NULL;
    case SDB_MEMBER_EVENT_KIND_MOVE:
    case SDB_MEMBER_EVENT_KIND_TRANSFER_OUT:
    case SDB_MEMBER_EVENT_KIND_LEFT:
      if (first)
        break;
      if (organization_id == 0)
        return _("On this date the member is not in the committee. Check the date.");
      if (step->kind == SDB_MEMBER_EVENT_KIND_MOVE && step->organization_id == organization_id)
        return _("On this date the member is already in this cell. Choose another cell.");
      return NULL;
    default:
      g_assert_not_reached ();
    }
  return _("A member’s history starts with their admission or with a transfer in. Record that "
           "first.");
}

/* Returns the first problem of @steps at or after index @from (those before it were accepted
 * when they were recorded), with its index in @bad. */
static const char *
walk_history (GArray *steps,
              guint   from,
              guint  *bad)
{
  gint64 organization_id = 0;

  for (guint i = 0; i < steps->len; i++)
    {
      const Step *step = &g_array_index (steps, Step, i);
      const char *problem = i >= from ? step_problem (step, i == 0, organization_id) : NULL;

      if (problem != NULL)
        {
          *bad = i;
          return problem;
        }
      organization_id = kind_places (step->kind) ? step->organization_id : 0;
    }
  return NULL;
}

/* What check_organization () reads of a cell. */
typedef struct
{
  gboolean            exists;
  char               *name;
  SdbOrganizationKind kind;
  SdbDate             founded;
  SdbDate             dissolved;
} CellFacts;

static void
cell_facts_free (CellFacts *facts)
{
  g_free (facts->name);
  g_free (facts);
}

static GQuark
held_cells_quark (void)
{
  return g_quark_from_static_string ("sdb-member-held-cells");
}

/**
 * sdb_member_hold_cells:
 * @hold: TRUE when a bulk write of members begins, FALSE when it ends
 *
 * While held, the cells that members are placed in are read once each, not once for every
 * member and event: an import of 200.000 members reads about 2.000 cells instead of looking one
 * up 480.000 times. Only for a write that changes no organization until it releases them (an
 * import of members), since what was read is not read again.
 */
void
sdb_member_hold_cells (SdbDatabase *db,
                       gboolean     hold)
{
  g_return_if_fail (SDB_IS_DATABASE (db));

  g_object_set_qdata_full (G_OBJECT (db), held_cells_quark (),
                           hold ? g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) cell_facts_free)
                                : NULL,
                           hold ? (GDestroyNotify) g_hash_table_unref : NULL);
}

/* Reads cell @id into @facts; FALSE only when the database fails. */
static gboolean
read_cell (SdbDatabase  *db,
           gint64        id,
           CellFacts    *facts,
           GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT name, kind, founded, dissolved FROM organization WHERE id = ?1",
                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  facts->exists = rc == SQLITE_ROW;
  if (!facts->exists)
    return TRUE;
  facts->name = sdb_stmt_dup_text (stmt, 0);
  facts->kind = sdb_stmt_get_enum (stmt, 1, SDB_TYPE_ORGANIZATION_KIND);
  sdb_stmt_get_date (stmt, 2, &facts->founded);
  sdb_stmt_get_date (stmt, 3, &facts->dissolved);
  return TRUE;
}

/* Cell @id as held by sdb_member_hold_cells (), read now if it is not yet; NULL when cells
 * are not held or the database failed (then with @error). */
static const CellFacts *
held_cell (SdbDatabase  *db,
           gint64        id,
           GError      **error)
{
  GHashTable *held = g_object_get_qdata (G_OBJECT (db), held_cells_quark ());
  CellFacts *facts;

  if (held == NULL)
    return NULL;
  facts = g_hash_table_lookup (held, &id);
  if (facts == NULL)
    {
      facts = g_new0 (CellFacts, 1);
      if (!read_cell (db, id, facts, error))
        {
          cell_facts_free (facts);
          return NULL;
        }
      g_hash_table_insert (held, g_memdup2 (&id, sizeof id), facts);
    }
  return facts;
}

/* Members belong to cells, and only to cells that existed on the date. */
static gboolean
check_organization (SdbDatabase     *db,
                    SdbMemberEvent  *event,
                    gboolean         date_ok,
                    GPtrArray       *problems,
                    GError         **error)
{
  CellFacts read = { 0, };
  const CellFacts *facts;

  if (g_object_get_qdata (G_OBJECT (db), held_cells_quark ()) != NULL)
    facts = held_cell (db, event->organization_id, error);
  else
    facts = read_cell (db, event->organization_id, &read, error) ? &read : NULL;
  if (facts == NULL)
    return FALSE;

  if (!facts->exists)
    sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                      _("The chosen cell no longer exists. Choose another cell."));
  else if (facts->kind != SDB_ORGANIZATION_KIND_CHI_BO_CO_SO
           && facts->kind != SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC)
    sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                      _("“%s” is not a cell. Members belong to a grassroots cell or a "
                        "subordinate cell: choose one."), facts->name);
  else if (date_ok && facts->founded.year != 0
           && sdb_date_compare (&facts->founded, &event->date) > 0)
    {
      g_autofree char *date = sdb_vn_format_date (&facts->founded);

      sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                        _("“%s” was founded on %s, after this date. Choose another cell, or "
                          "check the date."), facts->name, date);
    }
  else if (date_ok && facts->dissolved.year != 0
           && sdb_date_compare (&facts->dissolved, &event->date) <= 0)
    {
      g_autofree char *date = sdb_vn_format_date (&facts->dissolved);

      sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                        _("“%s” was dissolved on %s. Choose a cell that existed on this "
                          "date."), facts->name, date);
    }
  g_free (read.name);
  return TRUE;
}

/* Checks @event against the member's @admission date and @history (every event already
 * recorded, in order). Problems about the date go under @date_field: "admission-date" when
 * the date is the member's own. */
static gboolean
check_event (SdbDatabase     *db,
             SdbMemberEvent  *event,
             const SdbDate   *admission,
             GArray          *history,
             const char      *date_field,
             GPtrArray       *problems,
             GError         **error)
{
  gboolean date_ok = FALSE;
  gboolean placing;

  /* When the date is the member's admission date, its own check has already spoken. */
  if (sdb_problems_find (problems, date_field, SDB_SEVERITY_ERROR) == NULL)
    {
      if (event->date.year == 0)
        sdb_problems_add (problems, date_field, SDB_SEVERITY_ERROR,
                          _("Enter the date of the event."));
      else if (!sdb_date_is_valid (&event->date))
        sdb_problems_add (problems, date_field, SDB_SEVERITY_ERROR,
                          _("The date of the event is not a real date. Enter it as "
                            "dd/mm/yyyy."));
      else
        date_ok = TRUE;
    }

  if (sdb_enum_to_code (SDB_TYPE_MEMBER_EVENT_KIND, event->kind) == NULL)
    {
      sdb_problems_add (problems, "kind", SDB_SEVERITY_ERROR,
                        _("Choose what happened to the member."));
      return TRUE;
    }
  placing = kind_places (event->kind);

  if (event->kind == SDB_MEMBER_EVENT_KIND_LEFT
      && sdb_enum_to_code (SDB_TYPE_LEAVING_REASON, event->reason) == NULL)
    sdb_problems_add (problems, "reason", SDB_SEVERITY_ERROR,
                      _("Choose why the member left the Party."));

  if (placing && event->organization_id == 0)
    sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                      _("Choose the cell the member belongs to from this date."));
  else if (placing && !check_organization (db, event, date_ok, problems, error))
    return FALSE;

  if (!date_ok)
    return TRUE;

  if (event->kind == SDB_MEMBER_EVENT_KIND_ADMITTED)
    {
      if (admission->year == 0)
        sdb_problems_add (problems, date_field, SDB_SEVERITY_ERROR,
                          _("Enter the member’s admission date first: the admission is "
                            "recorded on that date."));
      else if (sdb_date_compare (&event->date, admission) != 0)
        {
          g_autofree char *date = sdb_vn_format_date (admission);

          sdb_problems_add (problems, date_field, SDB_SEVERITY_ERROR,
                            _("The admission is recorded on the member’s admission date, %s. "
                              "To change it, change the admission date in the member’s "
                              "details."), date);
        }
    }
  else if (admission->year != 0 && sdb_date_is_valid (admission)
           && certainly_before (&event->date, admission))
    {
      g_autofree char *date = sdb_vn_format_date (admission);

      sdb_problems_add (problems, date_field, SDB_SEVERITY_ERROR,
                        _("This date is before the member’s admission date, %s. Check the "
                          "date."), date);
    }

  {
    g_autoptr(GArray) steps = g_array_copy (history);
    Step step = { 0, event->date, event->kind, placing ? event->organization_id : 0 };
    const char *problem;
    guint at = 0, bad = 0;

    /* A new event comes after those already recorded on the same date. */
    while (at < steps->len
           && sdb_date_compare (&g_array_index (steps, Step, at).date, &event->date) <= 0)
      at++;
    g_array_insert_val (steps, at, step);

    problem = walk_history (steps, at, &bad);
    if (problem != NULL && bad == at)
      sdb_problems_add (problems, "kind", SDB_SEVERITY_ERROR, "%s", problem);
    else if (problem != NULL)
      {
        const Step *later = &g_array_index (steps, Step, bad);
        g_autofree char *date = sdb_vn_format_date (&later->date);

        sdb_problems_add (problems, date_field, SDB_SEVERITY_ERROR,
                          _("After this event, the member’s later event of %s (%s) would no "
                            "longer fit. Check the date, or change the later events first."),
                          date, sdb_enum_get_label (SDB_TYPE_MEMBER_EVENT_KIND, later->kind));
      }
  }
  return TRUE;
}

/* Reads the member's admission date and history; a missing member is a problem of
 * "member-id". */
static gboolean
load_member_context (SdbDatabase  *db,
                     gint64        member_id,
                     SdbDate      *admission,
                     GArray      **history,
                     GPtrArray    *problems,
                     GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db, "SELECT admission_date FROM member WHERE id = ?1", error);
  int rc;

  *admission = (SdbDate) { 0, 0, 0 };
  *history = NULL;
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, member_id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      sdb_problems_add (problems, "member-id", SDB_SEVERITY_ERROR,
                        _("This member no longer exists; they may have been deleted."));
      return TRUE;
    }
  sdb_stmt_get_date (stmt, 0, admission);
  *history = load_history (db, member_id, error);
  return *history != NULL;
}

/**
 * sdb_member_validate_event:
 *
 * Adds to @problems everything that keeps @event from being added to its member's history.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_member_validate_event (SdbDatabase     *db,
                           SdbMemberEvent  *event,
                           GPtrArray       *problems,
                           GError         **error)
{
  g_autoptr(GArray) history = NULL;
  SdbDate admission;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (event), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (!load_member_context (db, event->member_id, &admission, &history, problems, error))
    return FALSE;
  if (history == NULL)
    return TRUE;
  return check_event (db, event, &admission, history, "date", problems, error);
}

static gboolean
store_event (SdbDatabase     *db,
             SdbMemberEvent  *event,
             GError         **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "INSERT INTO member_event (member_id, date, kind, organization_id,"
                          " reason, place, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  /* A departure places the member nowhere, and only a departure from the Party has a
   * reason: the schema's CHECKs say the same. */
  if (!kind_places (event->kind))
    set_id_notify (G_OBJECT (event), &event->organization_id, 0,
                   event_properties[EVENT_PROP_ORGANIZATION_ID]);
  sdb_stmt_bind_int (stmt, 1, event->member_id);
  sdb_stmt_bind_date (stmt, 2, &event->date);
  sdb_stmt_bind_enum (stmt, 3, SDB_TYPE_MEMBER_EVENT_KIND, event->kind);
  sdb_stmt_bind_id (stmt, 4, event->organization_id);
  sdb_stmt_bind_nullable_text (stmt, 5,
                               event->kind == SDB_MEMBER_EVENT_KIND_LEFT
                               ? sdb_enum_to_code (SDB_TYPE_LEAVING_REASON, event->reason)
                               : NULL);
  sdb_stmt_bind_text (stmt, 6, event->place);
  sdb_stmt_bind_text (stmt, 7, event->notes);
  if (!sdb_database_step_done (db, stmt, error))
    return FALSE;
  event->id = sdb_database_last_insert_id (db);
  g_object_notify_by_pspec (G_OBJECT (event), event_properties[EVENT_PROP_ID]);
  return TRUE;
}

static gboolean
write_event (SdbDatabase  *db,
             gpointer      data,
             GError      **error)
{
  SdbMemberEvent *event = data;

  return store_event (db, event, error) && refresh_organization (db, event->member_id, NULL, error);
}

/**
 * sdb_member_add_event:
 * @problems: (nullable): receives what validation found
 *
 * Adds @event to its member's history, at its date, and keeps the member's present
 * organization equal to the one of their latest event. Nothing is written when validation
 * finds an error, or when the event would make one of the member's party badges or ratings
 * invalid (a departure before a year they are rated for, say; the error is then on "date"):
 * @error is then SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_member_add_event (SdbDatabase     *db,
                      SdbMemberEvent  *event,
                      GPtrArray       *problems,
                      GError         **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  gboolean ok = FALSE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER_EVENT (event), FALSE);
  g_return_val_if_fail (event->id == 0, FALSE);

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_member_validate_event (db, event, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }
  if (!change_dates (db, event->member_id, write_event, event, "date", found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }
  ok = TRUE;

out:
  ok = sdb_database_finish_write (db, ok, found, problems, error);
  if (!ok && event->id != 0)
    {
      event->id = 0;
      g_object_notify_by_pspec (G_OBJECT (event), event_properties[EVENT_PROP_ID]);
    }
  return ok;
}

/* A deletion that would make one of the member's badges or ratings invalid is refused as the
 * deletion of a record others depend on, saying what would break. */
static gboolean
set_in_use_error (GPtrArray  *problems,
                  GError    **error)
{
  return sdb_database_set_problems_error (problems, SDB_DATABASE_ERROR_IN_USE, error);
}

typedef struct
{
  gint64 event_id;
  gint64 member_id;
} EventDeletion;

static gboolean
delete_event (SdbDatabase  *db,
              gpointer      data,
              GError      **error)
{
  const EventDeletion *deletion = data;

  {
    g_autoptr(SdbStmt) stmt =
      sdb_database_prepare (db, "DELETE FROM member_event WHERE id = ?1", error);

    if (stmt == NULL)
      return FALSE;
    sdb_stmt_bind_int (stmt, 1, deletion->event_id);
    if (!sdb_database_step_done (db, stmt, error))
      return FALSE;
  }
  return refresh_organization (db, deletion->member_id, NULL, error);
}

/**
 * sdb_member_delete_event:
 *
 * Deletes an event recorded by mistake. An event the later history depends on (the admission
 * before a move, a departure before a readmission), or without which one of the member's party
 * badges or ratings would be invalid (a readmission that gives the party age of a badge, say),
 * is refused with SDB_DATABASE_ERROR_IN_USE, whose message says what depends on it.
 */
gboolean
sdb_member_delete_event (SdbDatabase  *db,
                         gint64        event_id,
                         GError      **error)
{
  g_autoptr(GArray) history = NULL;
  gint64 member_id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  if (!sdb_database_begin (db, error))
    return FALSE;

  {
    g_autoptr(SdbStmt) stmt =
      sdb_database_prepare (db, "SELECT member_id FROM member_event WHERE id = ?1", error);
    int rc;

    if (stmt == NULL)
      goto out;
    sdb_stmt_bind_int (stmt, 1, event_id);
    rc = sdb_database_step (db, stmt, error);
    if (rc == 0)
      goto out;
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                     _("This event no longer exists; it may have been deleted."));
        goto out;
      }
    member_id = sdb_stmt_get_int (stmt, 0);
  }

  history = load_history (db, member_id, error);
  if (history == NULL)
    goto out;
  for (guint i = 0; i < history->len; i++)
    if (g_array_index (history, Step, i).id == event_id)
      {
        guint bad = 0;

        g_array_remove_index (history, i);
        if (walk_history (history, i, &bad) != NULL)
          {
            g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE,
                         _("The member’s later events depend on this one. Delete them first, "
                           "the latest first."));
            goto out;
          }
        break;
      }

  {
    EventDeletion deletion = { event_id, member_id };
    g_autoptr(GPtrArray) found = sdb_problems_new ();

    if (!change_dates (db, member_id, delete_event, &deletion, NULL, found, error))
      goto out;
    if (sdb_problems_has_errors (found))
      {
        set_in_use_error (found, error);
        goto out;
      }
  }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, NULL, NULL, error);
}

static SdbMemberEvent *
event_from_row (SdbStmt *stmt)
{
  SdbMemberEvent *self = sdb_member_event_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  self->member_id = sdb_stmt_get_int (stmt, 1);
  sdb_stmt_get_date (stmt, 2, &self->date);
  self->kind = sdb_stmt_get_enum (stmt, 3, SDB_TYPE_MEMBER_EVENT_KIND);
  self->organization_id = sdb_stmt_get_int (stmt, 4);
  if (!sdb_stmt_is_null (stmt, 5))
    self->reason = sdb_stmt_get_enum (stmt, 5, SDB_TYPE_LEAVING_REASON);
  g_free (self->place);
  self->place = sdb_stmt_dup_text (stmt, 6);
  g_free (self->notes);
  self->notes = sdb_stmt_dup_text (stmt, 7);
  return self;
}

/**
 * sdb_member_list_events:
 *
 * Returns: (transfer full): the member's history (#SdbMemberEvent), oldest first.
 */
GListModel *
sdb_member_list_events (SdbDatabase  *db,
                        gint64        member_id,
                        GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db,
                               "SELECT id, member_id, date, kind, organization_id, reason,"
                               " place, notes FROM member_event WHERE member_id = ?1"
                               " ORDER BY date, id", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, member_id);
  return sdb_database_list_rows (db, stmt, SDB_TYPE_MEMBER_EVENT,
                                 (SdbRowFunc) event_from_row, error);
}

static gboolean
add_event (SdbDatabase         *db,
           gint64               member_id,
           SdbMemberEventKind   kind,
           const SdbDate       *date,
           gint64               organization_id,
           SdbLeavingReason     reason,
           const char          *place,
           GPtrArray           *problems,
           GError             **error)
{
  g_autoptr(SdbMemberEvent) event = sdb_member_event_new ();

  event->member_id = member_id;
  event->kind = kind;
  sdb_set_date (&event->date, date);
  event->organization_id = organization_id;
  event->reason = reason;
  sdb_set_text (&event->place, place);
  return sdb_member_add_event (db, event, problems, error);
}

/**
 * sdb_member_move:
 * @problems: (nullable): receives what validation found
 *
 * Records that the member changed cells within the committee on @date.
 */
gboolean
sdb_member_move (SdbDatabase    *db,
                 gint64          member_id,
                 const SdbDate  *date,
                 gint64          organization_id,
                 GPtrArray      *problems,
                 GError        **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return add_event (db, member_id, SDB_MEMBER_EVENT_KIND_MOVE, date, organization_id, 0, NULL,
                    problems, error);
}

/**
 * sdb_member_transfer_out:
 * @to_place: (nullable): the party organization the member goes to
 * @problems: (nullable): receives what validation found
 *
 * Records that the member left the committee for another one on @date.
 */
gboolean
sdb_member_transfer_out (SdbDatabase    *db,
                         gint64          member_id,
                         const SdbDate  *date,
                         const char     *to_place,
                         GPtrArray      *problems,
                         GError        **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return add_event (db, member_id, SDB_MEMBER_EVENT_KIND_TRANSFER_OUT, date, 0, 0, to_place,
                    problems, error);
}

/**
 * sdb_member_leave:
 * @problems: (nullable): receives what validation found
 *
 * Records that the member left the Party on @date (died, struck off, expelled, resigned).
 */
gboolean
sdb_member_leave (SdbDatabase       *db,
                  gint64             member_id,
                  const SdbDate     *date,
                  SdbLeavingReason   reason,
                  GPtrArray         *problems,
                  GError           **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return add_event (db, member_id, SDB_MEMBER_EVENT_KIND_LEFT, date, 0, reason, NULL,
                    problems, error);
}

/**
 * sdb_member_readmit:
 * @problems: (nullable): receives what validation found
 *
 * Records that a member who had left the Party was admitted again on @date, into
 * @organization_id.
 */
gboolean
sdb_member_readmit (SdbDatabase    *db,
                    gint64          member_id,
                    const SdbDate  *date,
                    gint64          organization_id,
                    GPtrArray      *problems,
                    GError        **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return add_event (db, member_id, SDB_MEMBER_EVENT_KIND_READMITTED, date, organization_id, 0,
                    NULL, problems, error);
}

/**
 * sdb_member_get_organization_at:
 * @organization_id: (out): the cell the member belonged to on @date, 0 when they were not in
 *   the committee then
 *
 * Where the member was on @date: the organization of their latest event on or before it.
 */
gboolean
sdb_member_get_organization_at (SdbDatabase    *db,
                                gint64          member_id,
                                const SdbDate  *date,
                                gint64         *organization_id,
                                GError        **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (date != NULL && date->year != 0, FALSE);
  g_return_val_if_fail (organization_id != NULL, FALSE);

  *organization_id = 0;
  stmt = sdb_database_prepare (db,
                               "SELECT organization_id FROM member_event"
                               " WHERE member_id = ?1 AND date <= ?2"
                               " ORDER BY date DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, member_id);
  sdb_stmt_bind_date (stmt, 2, date);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    *organization_id = sdb_stmt_get_int (stmt, 0);
  return TRUE;
}

/* Inserts @member and the event by which they enter the committee, in one transaction. */
static gboolean
enter_committee (SdbDatabase         *db,
                 SdbMember           *member,
                 SdbMemberEventKind   kind,
                 const SdbDate       *date,
                 gint64               organization_id,
                 const char          *place,
                 const char          *date_field,
                 GPtrArray           *problems,
                 GError             **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(GArray) history = g_array_new (FALSE, TRUE, sizeof (Step));
  g_autoptr(SdbMemberEvent) event = sdb_member_event_new ();
  gboolean ok = FALSE;

  event->kind = kind;
  sdb_set_date (&event->date, date);
  event->organization_id = organization_id;
  sdb_set_text (&event->place, place);

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!validate_member (db, member, TRUE, found, error))
    goto out;
  if (kind == SDB_MEMBER_EVENT_KIND_ADMITTED && member->admission_date.year == 0)
    sdb_problems_add (found, "admission-date", SDB_SEVERITY_ERROR,
                      _("Enter the admission date."));
  if (!check_event (db, event, &member->admission_date, history, date_field, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }

  /* Their one event places them: the member row is stored with its cell. */
  if (!store_member (db, member, TRUE, organization_id, error))
    goto out;
  event->member_id = member->id;
  if (!store_event (db, event, error))
    goto out;
  ok = TRUE;

out:
  ok = sdb_database_finish_write (db, ok, found, problems, error);
  if (!ok)
    forget_insert (member);
  return ok;
}

/**
 * sdb_member_admit:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Saves a member admitted by this committee: the member, and their admission into the cell
 * @organization_id on their admission date, in one transaction.
 */
gboolean
sdb_member_admit (SdbDatabase  *db,
                  SdbMember    *member,
                  gint64        organization_id,
                  GPtrArray    *problems,
                  GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (member->id == 0, FALSE);

  return enter_committee (db, member, SDB_MEMBER_EVENT_KIND_ADMITTED, &member->admission_date,
                          organization_id, NULL, "admission-date", problems, error);
}

/**
 * sdb_member_transfer_in:
 * @from_place: (nullable): the party organization the member comes from
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Saves a member admitted elsewhere who joins the committee's cell @organization_id on @date,
 * in one transaction.
 */
gboolean
sdb_member_transfer_in (SdbDatabase    *db,
                        SdbMember      *member,
                        const SdbDate  *date,
                        gint64          organization_id,
                        const char     *from_place,
                        GPtrArray      *problems,
                        GError        **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (member->id == 0, FALSE);

  return enter_committee (db, member, SDB_MEMBER_EVENT_KIND_TRANSFER_IN, date, organization_id,
                          from_place, "date", problems, error);
}

/* A new member's outline ---------------------------------------------------------------------- */

/* Checks one step of an outline as sdb_member_add_event () checks it, against the steps before
 * it (@history, the member's whole history so far: they have no other). */
static gboolean
check_outline_step (SdbDatabase     *db,
                    SdbMember       *member,
                    SdbMemberEvent  *event,
                    GArray          *history,
                    const char      *date_field,
                    GPtrArray       *problems,
                    GError         **error)
{
  Step step;

  if (!check_event (db, event, &member->admission_date, history, date_field, problems, error))
    return FALSE;
  if (sdb_problems_has_errors (problems))
    return TRUE;
  /* Accepted, it comes after every step before it: an earlier date would have made a step
   * after it impossible, or put it before the entry. */
  step = (Step) { 0, event->date, event->kind,
                  kind_places (event->kind) ? event->organization_id : 0 };
  g_array_append_val (history, step);
  return TRUE;
}

/**
 * sdb_member_insert_outline:
 * @problems: for each #SdbMemberOutlineStep, a list that receives what the validation of that
 *   step found (the person's own problems go with the entry), up to the first step with an
 *   error
 *
 * Saves a new member and the history @outline gives them: the same rows, checked by the same
 * rules, as sdb_member_admit () or sdb_member_transfer_in (), then sdb_member_move (), then
 * sdb_member_transfer_out () or sdb_member_leave () would write one after the other. Each step
 * is checked against the ones before it, all of them before anything is written.
 *
 * It is for writing many members in one transaction (an import): it opens no savepoint of its
 * own, so it must be called inside the caller's transaction, which the caller rolls back when
 * it fails. Nothing is written when a step has an error: @error is then
 * SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_member_insert_outline (SdbDatabase             *db,
                           SdbMember               *member,
                           const SdbMemberOutline  *outline,
                           GPtrArray              **problems,
                           GError                 **error)
{
  g_autoptr(GArray) history = g_array_new (FALSE, TRUE, sizeof (Step));
  g_autoptr(SdbMemberEvent) entry = sdb_member_event_new ();
  g_autoptr(SdbMemberEvent) move = NULL;
  g_autoptr(SdbMemberEvent) departure = NULL;
  GPtrArray *found = NULL;
  gint64 organization_id;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (member->id == 0, FALSE);
  g_return_val_if_fail (outline != NULL && problems != NULL, FALSE);
  g_return_val_if_fail (outline->departure == 0
                        || outline->departure == SDB_MEMBER_EVENT_KIND_TRANSFER_OUT
                        || outline->departure == SDB_MEMBER_EVENT_KIND_LEFT, FALSE);
  g_return_val_if_fail (sdb_database_get_transaction_depth (db) > 0, FALSE);

  /* How they entered, with the person: as enter_committee () checks them. */
  found = problems[SDB_MEMBER_OUTLINE_ENTRY];
  entry->kind = outline->transferred_in ? SDB_MEMBER_EVENT_KIND_TRANSFER_IN
                                        : SDB_MEMBER_EVENT_KIND_ADMITTED;
  entry->date = outline->transferred_in ? outline->entered_on : member->admission_date;
  entry->organization_id = outline->entered_organization_id;
  if (!validate_member (db, member, TRUE, found, error))
    return FALSE;
  if (!outline->transferred_in && member->admission_date.year == 0)
    sdb_problems_add (found, "admission-date", SDB_SEVERITY_ERROR,
                      _("Enter the admission date."));
  if (!check_outline_step (db, member, entry, history,
                           outline->transferred_in ? "date" : "admission-date", found, error))
    return FALSE;
  organization_id = entry->organization_id;

  if (!sdb_problems_has_errors (found) && outline->moved_on.year != 0)
    {
      found = problems[SDB_MEMBER_OUTLINE_MOVE];
      move = sdb_member_event_new ();
      move->kind = SDB_MEMBER_EVENT_KIND_MOVE;
      move->date = outline->moved_on;
      move->organization_id = outline->organization_id;
      if (!check_outline_step (db, member, move, history, "date", found, error))
        return FALSE;
      organization_id = move->organization_id;
    }

  if (!sdb_problems_has_errors (found) && outline->departure != 0)
    {
      found = problems[SDB_MEMBER_OUTLINE_DEPARTURE];
      departure = sdb_member_event_new ();
      departure->kind = outline->departure;
      departure->date = outline->left_on;
      departure->reason = outline->reason;
      if (!check_outline_step (db, member, departure, history, "date", found, error))
        return FALSE;
      organization_id = 0;
    }

  if (sdb_problems_has_errors (found))
    return sdb_database_set_invalid_error (found, error);

  /* What waits for the change history is written between members, as between savepoints. */
  if (sdb_database_get_transaction_depth (db) == 1 && !sdb_history_flush (db, FALSE, error))
    return FALSE;
  /* The member row holds the cell of their last event, as refresh_organization () makes it. */
  if (!store_member (db, member, TRUE, organization_id, error))
    return FALSE;
  entry->member_id = member->id;
  if (!store_event (db, entry, error))
    goto failed;
  if (move != NULL)
    {
      move->member_id = member->id;
      if (!store_event (db, move, error))
        goto failed;
    }
  if (departure != NULL)
    {
      departure->member_id = member->id;
      if (!store_event (db, departure, error))
        goto failed;
    }
  return TRUE;

failed:
  forget_insert (member);
  return FALSE;
}

/* Exemptions ----------------------------------------------------------------------------------- */

/* A partial last day ("2024") stands for the last day it may mean: "~" sorts after every
 * character of an ISO date, so "2024~" is after every date of 2024 when compared as text. */
#define LAST_DAY(column) "(" column " || '~')"

/**
 * sdb_member_validate_exemption:
 *
 * Adds to @problems everything wrong with @exemption: its first day is required, its last day
 * (if any) may not be before it, and it may not overlap another period of the same member.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_member_validate_exemption (SdbDatabase         *db,
                               SdbMemberExemption  *exemption,
                               GPtrArray           *problems,
                               GError             **error)
{
  gboolean first_ok, last_ok;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER_EXEMPTION (exemption), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  {
    g_autoptr(SdbStmt) stmt =
      sdb_database_prepare (db, "SELECT 1 FROM member WHERE id = ?1", error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    sdb_stmt_bind_int (stmt, 1, exemption->member_id);
    rc = sdb_database_step (db, stmt, error);
    if (rc == 0)
      return FALSE;
    if (rc == SQLITE_DONE)
      sdb_problems_add (problems, "member-id", SDB_SEVERITY_ERROR,
                        _("This member no longer exists; they may have been deleted."));
  }

  if (exemption->first_date.year == 0)
    sdb_problems_add (problems, "first-date", SDB_SEVERITY_ERROR,
                      _("Enter the first day of the exemption."));
  first_ok = check_date_field (problems, "first-date", &exemption->first_date,
                               N_("The first day of the exemption is not a real date. Enter it "
                                 "as dd/mm/yyyy."));
  last_ok = check_date_field (problems, "last-date", &exemption->last_date,
                              N_("The last day of the exemption is not a real date. Enter it as "
                                "dd/mm/yyyy, or leave it empty while the exemption lasts."));

  if (first_ok && last_ok && certainly_before (&exemption->last_date, &exemption->first_date))
    sdb_problems_add (problems, "last-date", SDB_SEVERITY_ERROR,
                      _("The last day of the exemption is before its first day. Check both "
                        "dates."));
  else if (first_ok && (last_ok || exemption->last_date.year == 0))
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db,
                              "SELECT first_date FROM member_exemption"
                              " WHERE member_id = ?1 AND id <> ?2"
                              "   AND (?4 IS NULL OR first_date <= " LAST_DAY ("?4") ")"
                              "   AND (last_date IS NULL OR ?3 <= " LAST_DAY ("last_date") ")"
                              " ORDER BY first_date LIMIT 1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_int (stmt, 1, exemption->member_id);
      sdb_stmt_bind_int (stmt, 2, exemption->id);
      sdb_stmt_bind_date (stmt, 3, &exemption->first_date);
      sdb_stmt_bind_date (stmt, 4, &exemption->last_date);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          SdbDate other;
          g_autofree char *date = NULL;

          sdb_stmt_get_date (stmt, 0, &other);
          date = sdb_vn_format_date (&other);
          sdb_problems_add (problems, "first-date", SDB_SEVERITY_ERROR,
                            _("This period overlaps the member’s exemption from %s. Change "
                              "the dates, or change that exemption instead."), date);
        }
    }

  return TRUE;
}

typedef struct
{
  SdbMemberExemption *exemption;
  gboolean            insert;
} ExemptionWrite;

static gboolean
store_exemption (SdbDatabase  *db,
                 gpointer      data,
                 GError      **error)
{
  const ExemptionWrite *write = data;
  SdbMemberExemption *exemption = write->exemption;
  g_autoptr(SdbStmt) stmt = NULL;

  if (write->insert)
    stmt = sdb_database_prepare (db,
                                 "INSERT INTO member_exemption (member_id, first_date,"
                                 " last_date, reason) VALUES (?1, ?2, ?3, ?4)", error);
  else
    stmt = sdb_database_prepare (db,
                                 "UPDATE member_exemption SET member_id = ?1, first_date = ?2,"
                                 " last_date = ?3, reason = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, exemption->member_id);
  sdb_stmt_bind_date (stmt, 2, &exemption->first_date);
  sdb_stmt_bind_date (stmt, 3, &exemption->last_date);
  sdb_stmt_bind_text (stmt, 4, exemption->reason);
  if (!write->insert)
    sdb_stmt_bind_int (stmt, 5, exemption->id);
  if (!sdb_database_step_done (db, stmt, error))
    return FALSE;

  if (write->insert)
    {
      exemption->id = sdb_database_last_insert_id (db);
      g_object_notify_by_pspec (G_OBJECT (exemption), exemption_properties[EXEMPTION_PROP_ID]);
    }
  else if (sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This exemption no longer exists; it may have been deleted."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_exemption (SdbDatabase         *db,
                 SdbMemberExemption  *exemption,
                 gboolean             insert,
                 GPtrArray           *problems,
                 GError             **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  ExemptionWrite write = { exemption, insert };
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_member_validate_exemption (db, exemption, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }
  /* The member's ratings are checked again, as for any change of the periods that decide
   * whether they are rated. */
  if (!change_dates (db, exemption->member_id, store_exemption, &write, "first-date", found,
                     error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }
  ok = TRUE;

out:
  ok = sdb_database_finish_write (db, ok, found, problems, error);
  if (!ok && insert && exemption->id != 0)
    {
      exemption->id = 0;
      g_object_notify_by_pspec (G_OBJECT (exemption), exemption_properties[EXEMPTION_PROP_ID]);
    }
  return ok;
}

/**
 * sdb_member_add_exemption:
 * @problems: (nullable): receives what validation found
 *
 * Records a period in which the member is exempt from work and meetings (still counted, not
 * rated), and sets its id.
 */
gboolean
sdb_member_add_exemption (SdbDatabase         *db,
                          SdbMemberExemption  *exemption,
                          GPtrArray           *problems,
                          GError             **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER_EXEMPTION (exemption), FALSE);
  g_return_val_if_fail (exemption->id == 0, FALSE);

  return write_exemption (db, exemption, TRUE, problems, error);
}

gboolean
sdb_member_update_exemption (SdbDatabase         *db,
                             SdbMemberExemption  *exemption,
                             GPtrArray           *problems,
                             GError             **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEMBER_EXEMPTION (exemption), FALSE);
  g_return_val_if_fail (exemption->id > 0, FALSE);

  return write_exemption (db, exemption, FALSE, problems, error);
}

static gboolean
delete_exemption (SdbDatabase  *db,
                  gpointer      data,
                  GError      **error)
{
  const gint64 *exemption_id = data;

  return sdb_database_delete_by_id (db, "DELETE FROM member_exemption WHERE id = ?1",
                                    *exemption_id,
                                    _("This exemption no longer exists; it may have been "
                                      "deleted."),
                                    error);
}

/**
 * sdb_member_delete_exemption:
 *
 * Deletes a period of exemption. One without which a rating of the member would be invalid is
 * refused with SDB_DATABASE_ERROR_IN_USE, whose message says which.
 */
gboolean
sdb_member_delete_exemption (SdbDatabase  *db,
                             gint64        exemption_id,
                             GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  gint64 member_id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  if (!sdb_database_begin (db, error))
    return FALSE;

  {
    g_autoptr(SdbStmt) stmt =
      sdb_database_prepare (db, "SELECT member_id FROM member_exemption WHERE id = ?1", error);
    int rc;

    if (stmt == NULL)
      goto out;
    sdb_stmt_bind_int (stmt, 1, exemption_id);
    rc = sdb_database_step (db, stmt, error);
    if (rc == 0)
      goto out;
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                     _("This exemption no longer exists; it may have been deleted."));
        goto out;
      }
    member_id = sdb_stmt_get_int (stmt, 0);
  }

  if (!change_dates (db, member_id, delete_exemption, &exemption_id, NULL, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      set_in_use_error (found, error);
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, NULL, NULL, error);
}

static SdbMemberExemption *
exemption_from_row (SdbStmt *stmt)
{
  SdbMemberExemption *exemption = sdb_member_exemption_new ();

  exemption->id = sdb_stmt_get_int (stmt, 0);
  exemption->member_id = sdb_stmt_get_int (stmt, 1);
  sdb_stmt_get_date (stmt, 2, &exemption->first_date);
  sdb_stmt_get_date (stmt, 3, &exemption->last_date);
  g_free (exemption->reason);
  exemption->reason = sdb_stmt_dup_text (stmt, 4);
  return exemption;
}

/**
 * sdb_member_list_exemptions:
 *
 * Returns: (transfer full): the member's periods of exemption (#SdbMemberExemption), oldest
 * first.
 */
GListModel *
sdb_member_list_exemptions (SdbDatabase  *db,
                            gint64        member_id,
                            GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db,
                               "SELECT id, member_id, first_date, last_date, reason"
                               " FROM member_exemption WHERE member_id = ?1"
                               " ORDER BY first_date, id", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, member_id);
  return sdb_database_list_rows (db, stmt, SDB_TYPE_MEMBER_EXEMPTION,
                                 (SdbRowFunc) exemption_from_row, error);
}

/**
 * sdb_member_is_exempt_on:
 * @exempt: (out): whether a period of exemption covers @date
 */
gboolean
sdb_member_is_exempt_on (SdbDatabase    *db,
                         gint64          member_id,
                         const SdbDate  *date,
                         gboolean       *exempt,
                         GError        **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (date != NULL && date->year != 0, FALSE);
  g_return_val_if_fail (exempt != NULL, FALSE);

  *exempt = FALSE;
  stmt = sdb_database_prepare (db,
                               "SELECT 1 FROM member_exemption"
                               " WHERE member_id = ?1 AND first_date <= ?2"
                               "   AND (last_date IS NULL OR ?2 <= " LAST_DAY ("last_date") ")"
                               " LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, member_id);
  sdb_stmt_bind_date (stmt, 2, date);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  *exempt = rc == SQLITE_ROW;
  return TRUE;
}
