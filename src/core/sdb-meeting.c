/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sdb-database-private.h"
#include "sdb-enums.h"
#include "sdb-meeting.h"

/* Times ---------------------------------------------------------------------------------------- */

/* Minutes since midnight of a stored time, which is exactly "HH:MM"; -1 for anything else. */
static int
time_to_minutes (const char *text)
{
  guint hour, minute;

  if (strlen (text) != 5 || text[2] != ':'
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1])
      || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return -1;
  hour = (guint) (text[0] - '0') * 10 + (guint) (text[1] - '0');
  minute = (guint) (text[3] - '0') * 10 + (guint) (text[4] - '0');
  if (hour > 23 || minute > 59)
    return -1;
  return (int) (hour * 60 + minute);
}

/* Clerks write times as "7:30", "7h30", "07.30" or "14h": store them all as "HH:MM", which
 * compares as text. Anything else is kept as typed, so validation can point at it. */
static char *
normalize_time (const char *text)
{
  g_autofree char *typed = sdb_vn_normalize (text != NULL ? text : "");
  const char *p;
  guint hour = 0, minute = 0, hour_digits = 0, minute_digits = 0;
  char separator;

  if (typed == NULL)
    return g_strdup ("");
  g_strstrip (typed);

  for (p = typed; g_ascii_isdigit (*p) && hour_digits < 3; p++, hour_digits++)
    hour = hour * 10 + (guint) (*p - '0');
  separator = *p;
  if (hour_digits == 0 || hour_digits > 2
      || (separator != ':' && separator != 'h' && separator != 'H' && separator != '.'))
    return g_steal_pointer (&typed);
  for (p++; g_ascii_isdigit (*p) && minute_digits < 3; p++, minute_digits++)
    minute = minute * 10 + (guint) (*p - '0');
  if (*p != '\0'
      || !(minute_digits == 2 || (minute_digits == 0 && (separator == 'h' || separator == 'H')))
      || hour > 23 || minute > 59)
    return g_steal_pointer (&typed);

  return g_strdup_printf ("%02u:%02u", hour, minute);
}

static gboolean
set_time (char       **field,
          const char  *text)
{
  g_autofree char *normalized = normalize_time (text);

  return sdb_set_str (field, normalized);
}

/* "15-BB/HU", "15" or "BB/HU": how the number and symbol of a document are written together. */
static char *
join_reference (const char *number,
                const char *symbol)
{
  if (*number != '\0' && *symbol != '\0')
    return g_strconcat (number, "-", symbol, NULL);
  return g_strdup (*number != '\0' ? number : symbol);
}

/* SdbMeetingAttendee --------------------------------------------------------------------------- */

struct _SdbMeetingAttendee
{
  GObject        parent_instance;

  SdbAttendance  attendance;
  char          *name;
  char          *title;
  char          *reason;
  gint64         member_id;
};

G_DEFINE_FINAL_TYPE (SdbMeetingAttendee, sdb_meeting_attendee, G_TYPE_OBJECT)

enum {
  ATTENDEE_PROP_0,
  ATTENDEE_PROP_ATTENDANCE,
  ATTENDEE_PROP_NAME,
  ATTENDEE_PROP_TITLE,
  ATTENDEE_PROP_REASON,
  ATTENDEE_PROP_MEMBER_ID,
  ATTENDEE_N_PROPS
};

static GParamSpec *attendee_properties[ATTENDEE_N_PROPS];

static void
sdb_meeting_attendee_finalize (GObject *object)
{
  SdbMeetingAttendee *self = SDB_MEETING_ATTENDEE (object);

  g_free (self->name);
  g_free (self->title);
  g_free (self->reason);

  G_OBJECT_CLASS (sdb_meeting_attendee_parent_class)->finalize (object);
}

static void
sdb_meeting_attendee_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SdbMeetingAttendee *self = SDB_MEETING_ATTENDEE (object);

  switch (prop_id)
    {
    case ATTENDEE_PROP_ATTENDANCE:
      g_value_set_enum (value, self->attendance);
      break;
    case ATTENDEE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ATTENDEE_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case ATTENDEE_PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case ATTENDEE_PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_meeting_attendee_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SdbMeetingAttendee *self = SDB_MEETING_ATTENDEE (object);

  switch (prop_id)
    {
    case ATTENDEE_PROP_ATTENDANCE:
      sdb_meeting_attendee_set_attendance (self, g_value_get_enum (value));
      break;
    case ATTENDEE_PROP_NAME:
      sdb_meeting_attendee_set_name (self, g_value_get_string (value));
      break;
    case ATTENDEE_PROP_TITLE:
      sdb_meeting_attendee_set_title (self, g_value_get_string (value));
      break;
    case ATTENDEE_PROP_REASON:
      sdb_meeting_attendee_set_reason (self, g_value_get_string (value));
      break;
    case ATTENDEE_PROP_MEMBER_ID:
      sdb_meeting_attendee_set_member_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_meeting_attendee_class_init (SdbMeetingAttendeeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_meeting_attendee_finalize;
  object_class->get_property = sdb_meeting_attendee_get_property;
  object_class->set_property = sdb_meeting_attendee_set_property;

  attendee_properties[ATTENDEE_PROP_ATTENDANCE] =
    g_param_spec_enum ("attendance", NULL, NULL, SDB_TYPE_ATTENDANCE, SDB_ATTENDANCE_PRESENT, rw);
  attendee_properties[ATTENDEE_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  /* Their position, as the minutes give it ("Bí thư Đảng ủy"). */
  attendee_properties[ATTENDEE_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  /* Why they were absent. */
  attendee_properties[ATTENDEE_PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, "", rw);
  /* The member record this person is, or 0 (a guest from outside, an unlinked name). */
  attendee_properties[ATTENDEE_PROP_MEMBER_ID] =
    g_param_spec_int64 ("member-id", NULL, NULL, 0, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, ATTENDEE_N_PROPS, attendee_properties);
}

static void
sdb_meeting_attendee_init (SdbMeetingAttendee *self)
{
  self->attendance = SDB_ATTENDANCE_PRESENT;
  self->name = g_strdup ("");
  self->title = g_strdup ("");
  self->reason = g_strdup ("");
}

SdbMeetingAttendee *
sdb_meeting_attendee_new (void)
{
  return g_object_new (SDB_TYPE_MEETING_ATTENDEE, NULL);
}

SdbMeetingAttendee *
sdb_meeting_attendee_copy (SdbMeetingAttendee *self)
{
  SdbMeetingAttendee *copy;

  g_return_val_if_fail (SDB_IS_MEETING_ATTENDEE (self), NULL);

  copy = sdb_meeting_attendee_new ();
  copy->attendance = self->attendance;
  sdb_set_str (&copy->name, self->name);
  sdb_set_str (&copy->title, self->title);
  sdb_set_str (&copy->reason, self->reason);
  copy->member_id = self->member_id;
  return copy;
}

SdbAttendance
sdb_meeting_attendee_get_attendance (SdbMeetingAttendee *self)
{
  g_return_val_if_fail (SDB_IS_MEETING_ATTENDEE (self), SDB_ATTENDANCE_PRESENT);

  return self->attendance;
}

void
sdb_meeting_attendee_set_attendance (SdbMeetingAttendee *self,
                                     SdbAttendance       attendance)
{
  g_return_if_fail (SDB_IS_MEETING_ATTENDEE (self));

  if (self->attendance == attendance)
    return;
  self->attendance = attendance;
  g_object_notify_by_pspec (G_OBJECT (self), attendee_properties[ATTENDEE_PROP_ATTENDANCE]);
}

const char *
sdb_meeting_attendee_get_name (SdbMeetingAttendee *self)
{
  g_return_val_if_fail (SDB_IS_MEETING_ATTENDEE (self), NULL);

  return self->name;
}

void
sdb_meeting_attendee_set_name (SdbMeetingAttendee *self,
                               const char         *name)
{
  g_return_if_fail (SDB_IS_MEETING_ATTENDEE (self));

  if (sdb_set_text (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), attendee_properties[ATTENDEE_PROP_NAME]);
}

const char *
sdb_meeting_attendee_get_title (SdbMeetingAttendee *self)
{
  g_return_val_if_fail (SDB_IS_MEETING_ATTENDEE (self), NULL);

  return self->title;
}

void
sdb_meeting_attendee_set_title (SdbMeetingAttendee *self,
                                const char         *title)
{
  g_return_if_fail (SDB_IS_MEETING_ATTENDEE (self));

  if (sdb_set_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), attendee_properties[ATTENDEE_PROP_TITLE]);
}

const char *
sdb_meeting_attendee_get_reason (SdbMeetingAttendee *self)
{
  g_return_val_if_fail (SDB_IS_MEETING_ATTENDEE (self), NULL);

  return self->reason;
}

void
sdb_meeting_attendee_set_reason (SdbMeetingAttendee *self,
                                 const char         *reason)
{
  g_return_if_fail (SDB_IS_MEETING_ATTENDEE (self));

  if (sdb_set_text (&self->reason, reason))
    g_object_notify_by_pspec (G_OBJECT (self), attendee_properties[ATTENDEE_PROP_REASON]);
}

gint64
sdb_meeting_attendee_get_member_id (SdbMeetingAttendee *self)
{
  g_return_val_if_fail (SDB_IS_MEETING_ATTENDEE (self), 0);

  return self->member_id;
}

void
sdb_meeting_attendee_set_member_id (SdbMeetingAttendee *self,
                                    gint64              member_id)
{
  g_return_if_fail (SDB_IS_MEETING_ATTENDEE (self));
  g_return_if_fail (member_id >= 0);

  if (self->member_id == member_id)
    return;
  self->member_id = member_id;
  g_object_notify_by_pspec (G_OBJECT (self), attendee_properties[ATTENDEE_PROP_MEMBER_ID]);
}

/* SdbMeetingDocument --------------------------------------------------------------------------- */

struct _SdbMeetingDocument
{
  GObject  parent_instance;

  char    *number;
  char    *symbol;
  SdbDate  date;
  char    *title;
};

G_DEFINE_FINAL_TYPE (SdbMeetingDocument, sdb_meeting_document, G_TYPE_OBJECT)

enum {
  DOCUMENT_PROP_0,
  DOCUMENT_PROP_NUMBER,
  DOCUMENT_PROP_SYMBOL,
  DOCUMENT_PROP_DATE,
  DOCUMENT_PROP_TITLE,
  DOCUMENT_N_PROPS
};

static GParamSpec *document_properties[DOCUMENT_N_PROPS];

static void
sdb_meeting_document_finalize (GObject *object)
{
  SdbMeetingDocument *self = SDB_MEETING_DOCUMENT (object);

  g_free (self->number);
  g_free (self->symbol);
  g_free (self->title);

  G_OBJECT_CLASS (sdb_meeting_document_parent_class)->finalize (object);
}

static void
sdb_meeting_document_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SdbMeetingDocument *self = SDB_MEETING_DOCUMENT (object);

  switch (prop_id)
    {
    case DOCUMENT_PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case DOCUMENT_PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    case DOCUMENT_PROP_DATE:
      g_value_set_boxed (value, sdb_meeting_document_get_date (self));
      break;
    case DOCUMENT_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_meeting_document_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SdbMeetingDocument *self = SDB_MEETING_DOCUMENT (object);

  switch (prop_id)
    {
    case DOCUMENT_PROP_NUMBER:
      sdb_meeting_document_set_number (self, g_value_get_string (value));
      break;
    case DOCUMENT_PROP_SYMBOL:
      sdb_meeting_document_set_symbol (self, g_value_get_string (value));
      break;
    case DOCUMENT_PROP_DATE:
      sdb_meeting_document_set_date (self, g_value_get_boxed (value));
      break;
    case DOCUMENT_PROP_TITLE:
      sdb_meeting_document_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_meeting_document_class_init (SdbMeetingDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_meeting_document_finalize;
  object_class->get_property = sdb_meeting_document_get_property;
  object_class->set_property = sdb_meeting_document_set_property;

  document_properties[DOCUMENT_PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, "", rw);
  document_properties[DOCUMENT_PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, "", rw);
  document_properties[DOCUMENT_PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, SDB_TYPE_DATE, rw);
  document_properties[DOCUMENT_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);

  g_object_class_install_properties (object_class, DOCUMENT_N_PROPS, document_properties);
}

static void
sdb_meeting_document_init (SdbMeetingDocument *self)
{
  self->number = g_strdup ("");
  self->symbol = g_strdup ("");
  self->title = g_strdup ("");
}

SdbMeetingDocument *
sdb_meeting_document_new (void)
{
  return g_object_new (SDB_TYPE_MEETING_DOCUMENT, NULL);
}

SdbMeetingDocument *
sdb_meeting_document_copy (SdbMeetingDocument *self)
{
  SdbMeetingDocument *copy;

  g_return_val_if_fail (SDB_IS_MEETING_DOCUMENT (self), NULL);

  copy = sdb_meeting_document_new ();
  sdb_set_str (&copy->number, self->number);
  sdb_set_str (&copy->symbol, self->symbol);
  copy->date = self->date;
  sdb_set_str (&copy->title, self->title);
  return copy;
}

const char *
sdb_meeting_document_get_number (SdbMeetingDocument *self)
{
  g_return_val_if_fail (SDB_IS_MEETING_DOCUMENT (self), NULL);

  return self->number;
}

void
sdb_meeting_document_set_number (SdbMeetingDocument *self,
                                 const char         *number)
{
  g_return_if_fail (SDB_IS_MEETING_DOCUMENT (self));

  if (sdb_set_text (&self->number, number))
    g_object_notify_by_pspec (G_OBJECT (self), document_properties[DOCUMENT_PROP_NUMBER]);
}

const char *
sdb_meeting_document_get_symbol (SdbMeetingDocument *self)
{
  g_return_val_if_fail (SDB_IS_MEETING_DOCUMENT (self), NULL);

  return self->symbol;
}

void
sdb_meeting_document_set_symbol (SdbMeetingDocument *self,
                                 const char         *symbol)
{
  g_return_if_fail (SDB_IS_MEETING_DOCUMENT (self));

  if (sdb_set_text (&self->symbol, symbol))
    g_object_notify_by_pspec (G_OBJECT (self), document_properties[DOCUMENT_PROP_SYMBOL]);
}

/**
 * sdb_meeting_document_get_date:
 *
 * Returns: (nullable): the date of the document, possibly partial ("2023"), or %NULL when
 * unknown.
 */
const SdbDate *
sdb_meeting_document_get_date (SdbMeetingDocument *self)
{
  g_return_val_if_fail (SDB_IS_MEETING_DOCUMENT (self), NULL);

  return self->date.year != 0 ? &self->date : NULL;
}

void
sdb_meeting_document_set_date (SdbMeetingDocument *self,
                               const SdbDate      *date)
{
  g_return_if_fail (SDB_IS_MEETING_DOCUMENT (self));

  if (sdb_set_date (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), document_properties[DOCUMENT_PROP_DATE]);
}

const char *
sdb_meeting_document_get_title (SdbMeetingDocument *self)
{
  g_return_val_if_fail (SDB_IS_MEETING_DOCUMENT (self), NULL);

  return self->title;
}

void
sdb_meeting_document_set_title (SdbMeetingDocument *self,
                                const char         *title)
{
  g_return_if_fail (SDB_IS_MEETING_DOCUMENT (self));

  if (sdb_set_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), document_properties[DOCUMENT_PROP_TITLE]);
}

/**
 * sdb_meeting_document_dup_reference:
 *
 * How a document is cited after its kind: "33-NQ/TU ngày 20/11/2023"; the date only when the
 * full day is known ("26-CT/TW" otherwise). The caller writes the kind before it ("Nghị quyết
 * số "). This is document text, Vietnamese whatever the interface language: not translated.
 *
 * Returns: (transfer full): the reference, "" when the document has neither number, symbol nor
 * full date.
 */
char *
sdb_meeting_document_dup_reference (SdbMeetingDocument *self)
{
  g_autofree char *reference = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (SDB_IS_MEETING_DOCUMENT (self), NULL);

  reference = join_reference (self->number, self->symbol);
  if (sdb_date_get_precision (&self->date) != SDB_DATE_PRECISION_DAY)
    return g_steal_pointer (&reference);
  date = sdb_vn_format_date (&self->date);
  if (*reference == '\0')
    return g_strconcat ("ngày ", date, NULL);
  return g_strconcat (reference, " ngày ", date, NULL);
}

/* SdbMeeting ----------------------------------------------------------------------------------- */

struct _SdbMeeting
{
  GObject         parent_instance;

  gint64          id;
  char           *number;
  char           *symbol;
  char           *title;
  SdbDate         date;
  char           *start_time;
  char           *end_time;
  char           *place;
  SdbMeetingKind  kind;
  char           *chair_name;
  char           *chair_position;
  char           *secretary;
  char           *content;
  char           *conclusions;
  char           *vote_method;
  char           *vote_result;

  /* Owned, never replaced: an editor binds to them once. */
  GListStore     *attendees;
  GListStore     *documents;
  /* FALSE for the summaries sdb_meeting_list () makes: saving one would erase its children. */
  gboolean        children_loaded;
};

G_DEFINE_FINAL_TYPE (SdbMeeting, sdb_meeting, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_SYMBOL,
  PROP_TITLE,
  PROP_DATE,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_PLACE,
  PROP_KIND,
  PROP_CHAIR_NAME,
  PROP_CHAIR_POSITION,
  PROP_SECRETARY,
  PROP_CONTENT,
  PROP_CONCLUSIONS,
  PROP_VOTE_METHOD,
  PROP_VOTE_RESULT,
  PROP_ATTENDEES,
  PROP_DOCUMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sdb_meeting_finalize (GObject *object)
{
  SdbMeeting *self = SDB_MEETING (object);

  g_free (self->number);
  g_free (self->symbol);
  g_free (self->title);
  g_free (self->start_time);
  g_free (self->end_time);
  g_free (self->place);
  g_free (self->chair_name);
  g_free (self->chair_position);
  g_free (self->secretary);
  g_free (self->content);
  g_free (self->conclusions);
  g_free (self->vote_method);
  g_free (self->vote_result);
  g_clear_object (&self->attendees);
  g_clear_object (&self->documents);

  G_OBJECT_CLASS (sdb_meeting_parent_class)->finalize (object);
}

static void
sdb_meeting_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SdbMeeting *self = SDB_MEETING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, sdb_meeting_get_date (self));
      break;
    case PROP_START_TIME:
      g_value_set_string (value, self->start_time);
      break;
    case PROP_END_TIME:
      g_value_set_string (value, self->end_time);
      break;
    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_CHAIR_NAME:
      g_value_set_string (value, self->chair_name);
      break;
    case PROP_CHAIR_POSITION:
      g_value_set_string (value, self->chair_position);
      break;
    case PROP_SECRETARY:
      g_value_set_string (value, self->secretary);
      break;
    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;
    case PROP_CONCLUSIONS:
      g_value_set_string (value, self->conclusions);
      break;
    case PROP_VOTE_METHOD:
      g_value_set_string (value, self->vote_method);
      break;
    case PROP_VOTE_RESULT:
      g_value_set_string (value, self->vote_result);
      break;
    case PROP_ATTENDEES:
      g_value_set_object (value, self->attendees);
      break;
    case PROP_DOCUMENTS:
      g_value_set_object (value, self->documents);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_meeting_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SdbMeeting *self = SDB_MEETING (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      sdb_meeting_set_number (self, g_value_get_string (value));
      break;
    case PROP_SYMBOL:
      sdb_meeting_set_symbol (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      sdb_meeting_set_title (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      sdb_meeting_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_START_TIME:
      sdb_meeting_set_start_time (self, g_value_get_string (value));
      break;
    case PROP_END_TIME:
      sdb_meeting_set_end_time (self, g_value_get_string (value));
      break;
    case PROP_PLACE:
      sdb_meeting_set_place (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      sdb_meeting_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_CHAIR_NAME:
      sdb_meeting_set_chair_name (self, g_value_get_string (value));
      break;
    case PROP_CHAIR_POSITION:
      sdb_meeting_set_chair_position (self, g_value_get_string (value));
      break;
    case PROP_SECRETARY:
      sdb_meeting_set_secretary (self, g_value_get_string (value));
      break;
    case PROP_CONTENT:
      sdb_meeting_set_content (self, g_value_get_string (value));
      break;
    case PROP_CONCLUSIONS:
      sdb_meeting_set_conclusions (self, g_value_get_string (value));
      break;
    case PROP_VOTE_METHOD:
      sdb_meeting_set_vote_method (self, g_value_get_string (value));
      break;
    case PROP_VOTE_RESULT:
      sdb_meeting_set_vote_result (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_meeting_class_init (SdbMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_meeting_finalize;
  object_class->get_property = sdb_meeting_get_property;
  object_class->set_property = sdb_meeting_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, "", rw);
  properties[PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, "", rw);
  /* What the minutes call the meeting: "Hội nghị Ban Chấp hành lần thứ 15". */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, SDB_TYPE_DATE, rw);
  /* "HH:MM", or "" when the minutes do not say. */
  properties[PROP_START_TIME] = g_param_spec_string ("start-time", NULL, NULL, "", rw);
  properties[PROP_END_TIME] = g_param_spec_string ("end-time", NULL, NULL, "", rw);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, "", rw);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SDB_TYPE_MEETING_KIND, SDB_MEETING_KIND_EXECUTIVE, rw);
  properties[PROP_CHAIR_NAME] = g_param_spec_string ("chair-name", NULL, NULL, "", rw);
  properties[PROP_CHAIR_POSITION] = g_param_spec_string ("chair-position", NULL, NULL, "", rw);
  properties[PROP_SECRETARY] = g_param_spec_string ("secretary", NULL, NULL, "", rw);
  properties[PROP_CONTENT] = g_param_spec_string ("content", NULL, NULL, "", rw);
  properties[PROP_CONCLUSIONS] = g_param_spec_string ("conclusions", NULL, NULL, "", rw);
  properties[PROP_VOTE_METHOD] = g_param_spec_string ("vote-method", NULL, NULL, "", rw);
  properties[PROP_VOTE_RESULT] = g_param_spec_string ("vote-result", NULL, NULL, "", rw);
  /* GListModels of SdbMeetingAttendee and SdbMeetingDocument, in the order of the minutes. */
  properties[PROP_ATTENDEES] =
    g_param_spec_object ("attendees", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_DOCUMENTS] =
    g_param_spec_object ("documents", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sdb_meeting_init (SdbMeeting *self)
{
  self->number = g_strdup ("");
  self->symbol = g_strdup ("");
  self->title = g_strdup ("");
  self->start_time = g_strdup ("");
  self->end_time = g_strdup ("");
  self->place = g_strdup ("");
  self->kind = SDB_MEETING_KIND_EXECUTIVE;
  self->chair_name = g_strdup ("");
  self->chair_position = g_strdup ("");
  self->secretary = g_strdup ("");
  self->content = g_strdup ("");
  self->conclusions = g_strdup ("");
  self->vote_method = g_strdup ("");
  self->vote_result = g_strdup ("");
  self->attendees = g_list_store_new (SDB_TYPE_MEETING_ATTENDEE);
  self->documents = g_list_store_new (SDB_TYPE_MEETING_DOCUMENT);
  self->children_loaded = TRUE;
}

SdbMeeting *
sdb_meeting_new (void)
{
  return g_object_new (SDB_TYPE_MEETING, NULL);
}

/**
 * sdb_meeting_copy:
 *
 * Returns: (transfer full): a copy with the same id and copies of every attendee and
 * document, for an editor to change and save.
 */
SdbMeeting *
sdb_meeting_copy (SdbMeeting *self)
{
  SdbMeeting *copy;
  guint n;

  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  copy = sdb_meeting_new ();
  copy->id = self->id;
  sdb_set_str (&copy->number, self->number);
  sdb_set_str (&copy->symbol, self->symbol);
  sdb_set_str (&copy->title, self->title);
  copy->date = self->date;
  sdb_set_str (&copy->start_time, self->start_time);
  sdb_set_str (&copy->end_time, self->end_time);
  sdb_set_str (&copy->place, self->place);
  copy->kind = self->kind;
  sdb_set_str (&copy->chair_name, self->chair_name);
  sdb_set_str (&copy->chair_position, self->chair_position);
  sdb_set_str (&copy->secretary, self->secretary);
  sdb_set_str (&copy->content, self->content);
  sdb_set_str (&copy->conclusions, self->conclusions);
  sdb_set_str (&copy->vote_method, self->vote_method);
  sdb_set_str (&copy->vote_result, self->vote_result);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdbMeetingAttendee) attendee =
        g_list_model_get_item (G_LIST_MODEL (self->attendees), i);
      g_autoptr(SdbMeetingAttendee) attendee_copy = sdb_meeting_attendee_copy (attendee);

      g_list_store_append (copy->attendees, attendee_copy);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdbMeetingDocument) document =
        g_list_model_get_item (G_LIST_MODEL (self->documents), i);
      g_autoptr(SdbMeetingDocument) document_copy = sdb_meeting_document_copy (document);

      g_list_store_append (copy->documents, document_copy);
    }
  copy->children_loaded = self->children_loaded;
  return copy;
}

gint64
sdb_meeting_get_id (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), 0);

  return self->id;
}

const char *
sdb_meeting_get_number (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->number;
}

void
sdb_meeting_set_number (SdbMeeting *self,
                        const char *number)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->number, number))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

const char *
sdb_meeting_get_symbol (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->symbol;
}

void
sdb_meeting_set_symbol (SdbMeeting *self,
                        const char *symbol)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->symbol, symbol))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
}

const char *
sdb_meeting_get_title (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->title;
}

/**
 * sdb_meeting_set_title:
 * @title: (nullable): what the minutes call the meeting, e.g. "Hội nghị Ban Chấp hành lần thứ
 *   15"; %NULL or "" when they give no title
 */
void
sdb_meeting_set_title (SdbMeeting *self,
                       const char *title)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
sdb_meeting_get_place (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->place;
}

void
sdb_meeting_set_place (SdbMeeting *self,
                       const char *place)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->place, place))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE]);
}

const char *
sdb_meeting_get_chair_name (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->chair_name;
}

void
sdb_meeting_set_chair_name (SdbMeeting *self,
                            const char *chair_name)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->chair_name, chair_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAIR_NAME]);
}

const char *
sdb_meeting_get_chair_position (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->chair_position;
}

void
sdb_meeting_set_chair_position (SdbMeeting *self,
                                const char *chair_position)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->chair_position, chair_position))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAIR_POSITION]);
}

const char *
sdb_meeting_get_secretary (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->secretary;
}

void
sdb_meeting_set_secretary (SdbMeeting *self,
                           const char *secretary)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->secretary, secretary))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRETARY]);
}

const char *
sdb_meeting_get_content (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->content;
}

void
sdb_meeting_set_content (SdbMeeting *self,
                         const char *content)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->content, content))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

const char *
sdb_meeting_get_conclusions (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->conclusions;
}

void
sdb_meeting_set_conclusions (SdbMeeting *self,
                             const char *conclusions)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->conclusions, conclusions))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONCLUSIONS]);
}

const char *
sdb_meeting_get_vote_method (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->vote_method;
}

void
sdb_meeting_set_vote_method (SdbMeeting *self,
                             const char *vote_method)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->vote_method, vote_method))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOTE_METHOD]);
}

const char *
sdb_meeting_get_vote_result (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->vote_result;
}

void
sdb_meeting_set_vote_result (SdbMeeting *self,
                             const char *vote_result)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_text (&self->vote_result, vote_result))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOTE_RESULT]);
}

/**
 * sdb_meeting_get_date:
 *
 * Returns: (nullable): the date of the meeting, or %NULL when not set.
 */
const SdbDate *
sdb_meeting_get_date (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->date.year != 0 ? &self->date : NULL;
}

void
sdb_meeting_set_date (SdbMeeting    *self,
                      const SdbDate *date)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (sdb_set_date (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
sdb_meeting_get_start_time (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->start_time;
}

/**
 * sdb_meeting_set_start_time:
 * @start_time: (nullable): "HH:MM"; "7:30", "7h30" and "14h" are accepted and stored as
 *   "07:30", "07:30" and "14:00"; %NULL or "" when not recorded
 */
void
sdb_meeting_set_start_time (SdbMeeting *self,
                            const char *start_time)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (set_time (&self->start_time, start_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
}

const char *
sdb_meeting_get_end_time (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return self->end_time;
}

void
sdb_meeting_set_end_time (SdbMeeting *self,
                          const char *end_time)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (set_time (&self->end_time, end_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_TIME]);
}

SdbMeetingKind
sdb_meeting_get_kind (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), SDB_MEETING_KIND_EXECUTIVE);

  return self->kind;
}

void
sdb_meeting_set_kind (SdbMeeting     *self,
                      SdbMeetingKind  kind)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * sdb_meeting_dup_reference:
 *
 * Returns: (transfer full): the number and symbol of the minutes as written on them,
 * "15-BB/HU"; "" when neither is known.
 */
char *
sdb_meeting_dup_reference (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return join_reference (self->number, self->symbol);
}

/**
 * sdb_meeting_get_attendees:
 *
 * Returns: (transfer none): the #SdbMeetingAttendee of the minutes, in their order. Change it
 * with sdb_meeting_add_attendee () and its siblings.
 */
GListModel *
sdb_meeting_get_attendees (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return G_LIST_MODEL (self->attendees);
}

/* Appends @attendee (the meeting holds a reference: later changes to it are the meeting's). */
void
sdb_meeting_add_attendee (SdbMeeting         *self,
                          SdbMeetingAttendee *attendee)
{
  g_return_if_fail (SDB_IS_MEETING (self));
  g_return_if_fail (SDB_IS_MEETING_ATTENDEE (attendee));

  g_list_store_append (self->attendees, attendee);
}

void
sdb_meeting_insert_attendee (SdbMeeting         *self,
                             guint               position,
                             SdbMeetingAttendee *attendee)
{
  g_return_if_fail (SDB_IS_MEETING (self));
  g_return_if_fail (SDB_IS_MEETING_ATTENDEE (attendee));
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (self->attendees)));

  g_list_store_insert (self->attendees, position, attendee);
}

void
sdb_meeting_remove_attendee (SdbMeeting *self,
                             guint       position)
{
  g_return_if_fail (SDB_IS_MEETING (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->attendees)));

  g_list_store_remove (self->attendees, position);
}

void
sdb_meeting_clear_attendees (SdbMeeting *self)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  g_list_store_remove_all (self->attendees);
}

/**
 * sdb_meeting_get_documents:
 *
 * Returns: (transfer none): the #SdbMeetingDocument disseminated or issued, in the order of
 * the minutes.
 */
GListModel *
sdb_meeting_get_documents (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), NULL);

  return G_LIST_MODEL (self->documents);
}

void
sdb_meeting_add_document (SdbMeeting         *self,
                          SdbMeetingDocument *document)
{
  g_return_if_fail (SDB_IS_MEETING (self));
  g_return_if_fail (SDB_IS_MEETING_DOCUMENT (document));

  g_list_store_append (self->documents, document);
}

void
sdb_meeting_insert_document (SdbMeeting         *self,
                             guint               position,
                             SdbMeetingDocument *document)
{
  g_return_if_fail (SDB_IS_MEETING (self));
  g_return_if_fail (SDB_IS_MEETING_DOCUMENT (document));
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (self->documents)));

  g_list_store_insert (self->documents, position, document);
}

void
sdb_meeting_remove_document (SdbMeeting *self,
                             guint       position)
{
  g_return_if_fail (SDB_IS_MEETING (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->documents)));

  g_list_store_remove (self->documents, position);
}

void
sdb_meeting_clear_documents (SdbMeeting *self)
{
  g_return_if_fail (SDB_IS_MEETING (self));

  g_list_store_remove_all (self->documents);
}

/**
 * sdb_meeting_get_children_loaded:
 *
 * Returns: %TRUE when the meeting holds its attendees and documents: a new meeting, one from
 * sdb_meeting_lookup () and their copies. The items of sdb_meeting_list () do not; look them up
 * before showing or saving their children.
 */
gboolean
sdb_meeting_get_children_loaded (SdbMeeting *self)
{
  g_return_val_if_fail (SDB_IS_MEETING (self), FALSE);

  return self->children_loaded;
}

/* Storage -------------------------------------------------------------------------------------- */

#define COLUMNS "id, number, symbol, date, start_time, end_time, place, kind, chair_name," \
                " chair_position, secretary, content, conclusions, vote_method, vote_result," \
                " title"

static void
take_text (char    **field,
           SdbStmt  *stmt,
           int       column)
{
  g_free (*field);
  *field = sdb_stmt_dup_text (stmt, column);
}

static SdbMeeting *
from_row (SdbStmt *stmt)
{
  SdbMeeting *self = sdb_meeting_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  take_text (&self->number, stmt, 1);
  take_text (&self->symbol, stmt, 2);
  sdb_stmt_get_date (stmt, 3, &self->date);
  take_text (&self->start_time, stmt, 4);
  take_text (&self->end_time, stmt, 5);
  take_text (&self->place, stmt, 6);
  self->kind = sdb_stmt_get_enum (stmt, 7, SDB_TYPE_MEETING_KIND);
  take_text (&self->chair_name, stmt, 8);
  take_text (&self->chair_position, stmt, 9);
  take_text (&self->secretary, stmt, 10);
  take_text (&self->content, stmt, 11);
  take_text (&self->conclusions, stmt, 12);
  take_text (&self->vote_method, stmt, 13);
  take_text (&self->vote_result, stmt, 14);
  take_text (&self->title, stmt, 15);
  self->children_loaded = FALSE;
  return self;
}

static gboolean
validate_attendees (SdbDatabase  *db,
                    SdbMeeting   *meeting,
                    GPtrArray    *problems,
                    GError      **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (meeting->attendees));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdbMeetingAttendee) attendee =
        g_list_model_get_item (G_LIST_MODEL (meeting->attendees), i);
      g_autofree char *prefix = g_strdup_printf ("attendees[%u].", i);
      g_autofree char *name = g_strconcat (prefix, "name", NULL);
      g_autofree char *attendance = g_strconcat (prefix, "attendance", NULL);
      g_autofree char *reason = g_strconcat (prefix, "reason", NULL);
      g_autofree char *member_id = g_strconcat (prefix, "member-id", NULL);

      if (*attendee->name == '\0')
        sdb_problems_add (problems, name, SDB_SEVERITY_ERROR,
                          _("Enter the name of person %u in the attendance list."), i + 1);
      if (sdb_enum_to_code (SDB_TYPE_ATTENDANCE, attendee->attendance) == NULL)
        sdb_problems_add (problems, attendance, SDB_SEVERITY_ERROR,
                          _("Choose whether person %u in the attendance list was present, "
                            "absent or a guest."), i + 1);
      else if (attendee->attendance == SDB_ATTENDANCE_ABSENT && *attendee->reason == '\0')
        sdb_problems_add (problems, reason, SDB_SEVERITY_WARNING,
                          _("Person %u in the attendance list is absent without a reason. "
                            "Enter the reason if the minutes give it."), i + 1);

      if (attendee->member_id != 0)
        {
          g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, "SELECT 1 FROM member WHERE id = ?1",
                                                          error);
          int rc;

          if (stmt == NULL)
            return FALSE;
          sdb_stmt_bind_int (stmt, 1, attendee->member_id);
          rc = sdb_database_step (db, stmt, error);
          if (rc == 0)
            return FALSE;
          if (rc == SQLITE_DONE)
            sdb_problems_add (problems, member_id, SDB_SEVERITY_ERROR,
                              _("Person %u in the attendance list is linked to a member who "
                                "no longer exists. Choose the member again."), i + 1);
        }
    }
  return TRUE;
}

static void
validate_documents (SdbMeeting *meeting,
                    gboolean    date_ok,
                    GPtrArray  *problems)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (meeting->documents));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdbMeetingDocument) document =
        g_list_model_get_item (G_LIST_MODEL (meeting->documents), i);
      g_autofree char *number = g_strdup_printf ("documents[%u].number", i);
      g_autofree char *date = g_strdup_printf ("documents[%u].date", i);

      if (*document->number == '\0' && *document->title == '\0')
        sdb_problems_add (problems, number, SDB_SEVERITY_ERROR,
                          _("Enter the number or the title of document %u."), i + 1);

      if (document->date.year == 0)
        continue;
      if (!sdb_date_is_valid (&document->date))
        sdb_problems_add (problems, date, SDB_SEVERITY_ERROR,
                          _("The date of document %u is not a real date. Enter it as "
                            "dd/mm/yyyy."), i + 1);
      /* An unknown month or day compares as the earliest possible, so a partial date is only
       * refused when every day it could mean is after the meeting. */
      else if (date_ok && sdb_date_compare (&document->date, &meeting->date) > 0)
        sdb_problems_add (problems, date, SDB_SEVERITY_ERROR,
                          _("Document %u is dated after the meeting. Check its date."), i + 1);
    }
}

/**
 * sdb_meeting_validate:
 *
 * Adds to @problems everything wrong with @meeting and its attendees and documents. The field
 * of a child's problem names its list, position (from 0) and property: "attendees[2].name",
 * "documents[0].date".
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_meeting_validate (SdbDatabase  *db,
                      SdbMeeting   *meeting,
                      GPtrArray    *problems,
                      GError      **error)
{
  gboolean date_ok = FALSE;
  int start, end;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEETING (meeting), FALSE);

  if (meeting->date.year == 0)
    sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR, _("Enter the date of the meeting."));
  else if (!sdb_date_is_valid (&meeting->date))
    sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR,
                      _("The date of the meeting is not a real date. Enter it as dd/mm/yyyy."));
  else if (sdb_date_get_precision (&meeting->date) != SDB_DATE_PRECISION_DAY)
    sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR,
                      _("Enter the full date of the meeting: day, month and year."));
  else
    date_ok = TRUE;

  if (sdb_enum_to_code (SDB_TYPE_MEETING_KIND, meeting->kind) == NULL)
    sdb_problems_add (problems, "kind", SDB_SEVERITY_ERROR, _("Choose the kind of meeting."));

  start = time_to_minutes (meeting->start_time);
  end = time_to_minutes (meeting->end_time);
  if (*meeting->start_time != '\0' && start < 0)
    sdb_problems_add (problems, "start-time", SDB_SEVERITY_ERROR,
                      _("Enter the start time as hours and minutes, e.g. 07:30."));
  if (*meeting->end_time != '\0' && end < 0)
    sdb_problems_add (problems, "end-time", SDB_SEVERITY_ERROR,
                      _("Enter the end time as hours and minutes, e.g. 11:30."));
  if (start >= 0 && end >= 0 && end <= start)
    sdb_problems_add (problems, "end-time", SDB_SEVERITY_ERROR,
                      _("The end time must be after the start time. Check both times."));

  /* Minutes are numbered from 1 each year, so a number and symbol may come back next year. */
  if (*meeting->number != '\0' && date_ok)
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db,
                              "SELECT 1 FROM meeting WHERE number = ?1 AND symbol = ?2"
                              " AND date >= ?3 AND date < ?4 AND id <> ?5", error);
      g_autofree char *first = g_strdup_printf ("%04d", meeting->date.year);
      g_autofree char *next = g_strdup_printf ("%04d", meeting->date.year + 1);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_text (stmt, 1, meeting->number);
      sdb_stmt_bind_text (stmt, 2, meeting->symbol);
      sdb_stmt_bind_text (stmt, 3, first);
      sdb_stmt_bind_text (stmt, 4, next);
      sdb_stmt_bind_int (stmt, 5, meeting->id);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          g_autofree char *reference = sdb_meeting_dup_reference (meeting);

          sdb_problems_add (problems, "number", SDB_SEVERITY_ERROR,
                            _("Minutes %s of %d are already recorded. Check the number and "
                              "symbol."), reference, meeting->date.year);
        }
    }

  if (!validate_attendees (db, meeting, problems, error))
    return FALSE;
  validate_documents (meeting, date_ok, problems);
  return TRUE;
}

/* The attendees and documents of minutes are lists: a row each, at its position (seq). Saving
 * minutes writes only what changed, as the clerk did it: a row taken off the list is deleted, a
 * row added is inserted, a row edited in place is updated, and the rows after them are moved
 * (their seq), not rewritten with their neighbours' contents. */
typedef struct
{
  const char *table;
  GType     (*get_type) (void);
  int         n_columns;  /* read () reads columns 0 to n_columns - 1 of select */
  gboolean  (*equal)  (gpointer a, gpointer b);
  /* Binds @item's columns from ?3 on (?1 and ?2 are the meeting or row id, and seq). */
  void      (*bind)   (SdbStmt *stmt, gpointer item);
  const char *update;  /* SET of every column, WHERE id = ?1 */
  const char *insert;
  const char *select;  /* its columns as bind () binds them, then id and seq */
  void      (*read)   (SdbStmt *stmt, gpointer item);
} ChildList;

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
attendee_equal (gpointer a,
                gpointer b)
{
  SdbMeetingAttendee *x = a, *y = b;

  return x->attendance == y->attendance && same_text (x->name, y->name)
         && same_text (x->title, y->title) && same_text (x->reason, y->reason)
         && x->member_id == y->member_id;
}

static void
attendee_bind (SdbStmt  *stmt,
               gpointer  item)
{
  SdbMeetingAttendee *attendee = item;

  sdb_stmt_bind_enum (stmt, 3, SDB_TYPE_ATTENDANCE, attendee->attendance);
  sdb_stmt_bind_text (stmt, 4, attendee->name);
  sdb_stmt_bind_text (stmt, 5, attendee->title);
  sdb_stmt_bind_text (stmt, 6, attendee->reason);
  sdb_stmt_bind_id (stmt, 7, attendee->member_id);
}

static void
attendee_read (SdbStmt  *stmt,
               gpointer  item)
{
  SdbMeetingAttendee *attendee = item;

  attendee->attendance = sdb_stmt_get_enum (stmt, 0, SDB_TYPE_ATTENDANCE);
  take_text (&attendee->name, stmt, 1);
  take_text (&attendee->title, stmt, 2);
  take_text (&attendee->reason, stmt, 3);
  attendee->member_id = sdb_stmt_get_int (stmt, 4);
}

static const ChildList attendees_list = {
  "meeting_attendee", sdb_meeting_attendee_get_type, 5, attendee_equal, attendee_bind,
  "UPDATE meeting_attendee SET seq = ?2, attendance = ?3, name = ?4, title = ?5, reason = ?6,"
  " member_id = ?7 WHERE id = ?1",
  "INSERT INTO meeting_attendee (meeting_id, seq, attendance, name, title, reason, member_id)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  "SELECT attendance, name, title, reason, member_id, id, seq FROM meeting_attendee"
  " WHERE meeting_id = ?1 ORDER BY seq, id",
  attendee_read,
};

static gboolean
document_equal (gpointer a,
                gpointer b)
{
  SdbMeetingDocument *x = a, *y = b;

  return same_text (x->number, y->number) && same_text (x->symbol, y->symbol)
         && sdb_date_compare (&x->date, &y->date) == 0 && same_text (x->title, y->title);
}

static void
document_bind (SdbStmt  *stmt,
               gpointer  item)
{
  SdbMeetingDocument *document = item;

  sdb_stmt_bind_text (stmt, 3, document->number);
  sdb_stmt_bind_text (stmt, 4, document->symbol);
  sdb_stmt_bind_date (stmt, 5, &document->date);
  sdb_stmt_bind_text (stmt, 6, document->title);
}

static void
document_read (SdbStmt  *stmt,
               gpointer  item)
{
  SdbMeetingDocument *document = item;

  take_text (&document->number, stmt, 0);
  take_text (&document->symbol, stmt, 1);
  sdb_stmt_get_date (stmt, 2, &document->date);
  take_text (&document->title, stmt, 3);
}

static const ChildList documents_list = {
  "meeting_document", sdb_meeting_document_get_type, 4, document_equal, document_bind,
  "UPDATE meeting_document SET seq = ?2, number = ?3, symbol = ?4, date = ?5, title = ?6"
  " WHERE id = ?1",
  "INSERT INTO meeting_document (meeting_id, seq, number, symbol, date, title)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  "SELECT number, symbol, date, title, id, seq FROM meeting_document"
  " WHERE meeting_id = ?1 ORDER BY seq, id",
  document_read,
};

/* A stored row of a list: what it holds, its id and its seq. */
typedef struct
{
  GObject *item;
  gint64   id;
  gint64   seq;
} StoredChild;

static void
stored_child_clear (gpointer data)
{
  g_clear_object (&((StoredChild *) data)->item);
}

/* Reads the rows of @list of minutes @meeting_id in their order: into @into as objects, and,
 * when @stored is not %NULL, as StoredChild with their id and seq too. */
static gboolean
read_children (SdbDatabase      *db,
               const ChildList  *list,
               gint64            meeting_id,
               GListStore       *into,
               GArray           *stored,
               GError          **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, list->select, error);
  int columns = list->n_columns;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, meeting_id);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(GObject) item = g_object_new (list->get_type (), NULL);

      list->read (stmt, item);
      if (into != NULL)
        g_list_store_append (into, item);
      if (stored != NULL)
        {
          StoredChild child = { g_object_ref (item), sdb_stmt_get_int (stmt, columns),
                                sdb_stmt_get_int (stmt, columns + 1) };

          g_array_append_val (stored, child);
        }
    }
  return rc != 0;
}

static gboolean
run_child_statement (SdbDatabase  *db,
                     const char   *sql,
                     gint64        first,
                     gint64        seq,
                     gpointer      item,
                     void        (*bind) (SdbStmt *stmt, gpointer item),
                     GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, first);
  if (seq >= 0)
    sdb_stmt_bind_int (stmt, 2, seq);
  if (item != NULL)
    bind (stmt, item);
  return sdb_database_step_done (db, stmt, error);
}

/* One stretch of the lists between two rows they share: the stored rows at @gone (indexes
 * into @stored) were replaced by the new rows at @came (positions in the new list). As many as
 * there are of both are edited in place, in order; the rest are deleted or inserted. */
static gboolean
write_stretch (SdbDatabase      *db,
               const ChildList  *list,
               gint64            meeting_id,
               GArray           *stored,
               GListModel       *items,
               GArray           *gone,
               GArray           *came,
               GError          **error)
{
  g_autofree char *delete = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", list->table);
  guint paired = MIN (gone->len, came->len);

  for (guint k = 0; k < MAX (gone->len, came->len); k++)
    {
      const StoredChild *old = k < gone->len
                               ? &g_array_index (stored, StoredChild, g_array_index (gone, guint, k))
                               : NULL;
      guint position = k < came->len ? g_array_index (came, guint, k) : 0;
      g_autoptr(GObject) item = k < came->len ? g_list_model_get_item (items, position) : NULL;
      gboolean ok;

      if (k < paired)
        ok = run_child_statement (db, list->update, old->id, position, item, list->bind, error);
      else if (old != NULL)
        ok = run_child_statement (db, delete, old->id, -1, NULL, NULL, error);
      else
        ok = run_child_statement (db, list->insert, meeting_id, position, item, list->bind,
                                  error);
      if (!ok)
        return FALSE;
    }
  g_array_set_size (gone, 0);
  g_array_set_size (came, 0);
  return TRUE;
}

/* Writes the list @items over the rows stored for it (none for new minutes): the longest run of
 * rows both hold in the same order stays, moved to its new position where it has one; around
 * it, write_stretch (). Minutes saved without an edit change no row, and leave no entry in the
 * change history. */
static gboolean
write_child_list (SdbDatabase      *db,
                  const ChildList  *list,
                  gint64            meeting_id,
                  gboolean          is_new,
                  GListModel       *items,
                  GError          **error)
{
  g_autoptr(GArray) stored = g_array_new (FALSE, FALSE, sizeof (StoredChild));
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) came = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *move = g_strdup_printf ("UPDATE %s SET seq = ?2 WHERE id = ?1", list->table);
  g_autofree guint *common = NULL;
  g_autoptr(GPtrArray) news = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old, n_new, i = 0, j = 0;

  g_array_set_clear_func (stored, stored_child_clear);
  if (!is_new && !read_children (db, list, meeting_id, NULL, stored, error))
    return FALSE;
  n_old = stored->len;
  n_new = g_list_model_get_n_items (items);
  for (guint k = 0; k < n_new; k++)
    g_ptr_array_add (news, g_list_model_get_item (items, k));

  /* common[a * (n_new + 1) + b]: how many rows the stored rows from a on and the new ones from
   * b on share, in order (the longest common subsequence). */
  common = g_new0 (guint, (gsize) (n_old + 1) * (n_new + 1));
#define COMMON(a, b) common[(gsize) (a) * (n_new + 1) + (b)]
  for (guint a = n_old; a-- > 0;)
    for (guint b = n_new; b-- > 0;)
      COMMON (a, b) = list->equal (g_array_index (stored, StoredChild, a).item,
                                   g_ptr_array_index (news, b))
                      ? COMMON (a + 1, b + 1) + 1
                      : MAX (COMMON (a + 1, b), COMMON (a, b + 1));

  while (i < n_old || j < n_new)
    {
      if (i < n_old && j < n_new
          && list->equal (g_array_index (stored, StoredChild, i).item,
                          g_ptr_array_index (news, j))
          && COMMON (i, j) == COMMON (i + 1, j + 1) + 1)
        {
          const StoredChild *old = &g_array_index (stored, StoredChild, i);

          if (!write_stretch (db, list, meeting_id, stored, items, gone, came, error)
              || (old->seq != (gint64) j
                  && !run_child_statement (db, move, old->id, j, NULL, NULL, error)))
            return FALSE;
          i++;
          j++;
        }
      else if (j < n_new && (i == n_old || COMMON (i, j + 1) >= COMMON (i + 1, j)))
        {
          g_array_append_val (came, j);
          j++;
        }
      else
        {
          g_array_append_val (gone, i);
          i++;
        }
    }
#undef COMMON
  return write_stretch (db, list, meeting_id, stored, items, gone, came, error);
}

static gboolean
write_children (SdbDatabase  *db,
                SdbMeeting   *meeting,
                gint64        meeting_id,
                gboolean      is_new,
                GError      **error)
{
  return write_child_list (db, &attendees_list, meeting_id, is_new,
                           G_LIST_MODEL (meeting->attendees), error)
         && write_child_list (db, &documents_list, meeting_id, is_new,
                              G_LIST_MODEL (meeting->documents), error);
}

/* Writes the meeting and replaces its children; the id of a new meeting is set only once the
 * transaction has committed, so a failed insert leaves the object as it was. */
static gboolean
write_meeting (SdbDatabase  *db,
               SdbMeeting   *meeting,
               gboolean      insert,
               GPtrArray    *problems,
               GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  gint64 id = meeting->id;
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_meeting_validate (db, meeting, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }

  if (insert)
    stmt = sdb_database_prepare (db,
                                 "INSERT INTO meeting (number, symbol, date, start_time, end_time,"
                                 " place, kind, chair_name, chair_position, secretary, content,"
                                 " conclusions, vote_method, vote_result, title)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                 " ?13, ?14, ?15)", error);
  else
    stmt = sdb_database_prepare (db,
                                 "UPDATE meeting SET number = ?1, symbol = ?2, date = ?3,"
                                 " start_time = ?4, end_time = ?5, place = ?6, kind = ?7,"
                                 " chair_name = ?8, chair_position = ?9, secretary = ?10,"
                                 " content = ?11, conclusions = ?12, vote_method = ?13,"
                                 " vote_result = ?14, title = ?15 WHERE id = ?16", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_text (stmt, 1, meeting->number);
  sdb_stmt_bind_text (stmt, 2, meeting->symbol);
  sdb_stmt_bind_date (stmt, 3, &meeting->date);
  sdb_stmt_bind_text (stmt, 4, meeting->start_time);
  sdb_stmt_bind_text (stmt, 5, meeting->end_time);
  sdb_stmt_bind_text (stmt, 6, meeting->place);
  sdb_stmt_bind_enum (stmt, 7, SDB_TYPE_MEETING_KIND, meeting->kind);
  sdb_stmt_bind_text (stmt, 8, meeting->chair_name);
  sdb_stmt_bind_text (stmt, 9, meeting->chair_position);
  sdb_stmt_bind_text (stmt, 10, meeting->secretary);
  sdb_stmt_bind_text (stmt, 11, meeting->content);
  sdb_stmt_bind_text (stmt, 12, meeting->conclusions);
  sdb_stmt_bind_text (stmt, 13, meeting->vote_method);
  sdb_stmt_bind_text (stmt, 14, meeting->vote_result);
  sdb_stmt_bind_text (stmt, 15, meeting->title);
  if (!insert)
    sdb_stmt_bind_int (stmt, 16, meeting->id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;

  if (insert)
    id = sdb_database_last_insert_id (db);
  else if (sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("These minutes no longer exist; they may have been deleted."));
      goto out;
    }

  if (!write_children (db, meeting, id, insert, error))
    goto out;
  ok = TRUE;

out:
  if (!sdb_database_finish_write (db, ok, found, problems, error))
    return FALSE;
  if (insert)
    {
      meeting->id = id;
      g_object_notify_by_pspec (G_OBJECT (meeting), properties[PROP_ID]);
    }
  return TRUE;
}

/**
 * sdb_meeting_insert:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves new minutes with their attendees and documents, and sets the id. Nothing
 * is written when validation finds an error: @error is then SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_meeting_insert (SdbDatabase  *db,
                    SdbMeeting   *meeting,
                    GPtrArray    *problems,
                    GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (meeting->id == 0, FALSE);

  return write_meeting (db, meeting, TRUE, problems, error);
}

/**
 * sdb_meeting_update:
 * @meeting: a meeting from sdb_meeting_lookup () (or its copy), never a list item
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves @meeting, replacing every stored attendee and document with those it
 * holds now, in one transaction: on any failure the stored minutes stay as they were.
 */
gboolean
sdb_meeting_update (SdbDatabase  *db,
                    SdbMeeting   *meeting,
                    GPtrArray    *problems,
                    GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (meeting->id > 0, FALSE);
  /* A list item holds no children: saving it would erase the stored ones. */
  g_return_val_if_fail (meeting->children_loaded, FALSE);

  return write_meeting (db, meeting, FALSE, problems, error);
}

/**
 * sdb_meeting_delete:
 *
 * Deletes the minutes with their attendees and documents; awards presented at the meeting
 * stay, no longer linked to it.
 */
gboolean
sdb_meeting_delete (SdbDatabase  *db,
                    gint64        id,
                    GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return sdb_database_delete_by_id (db, "DELETE FROM meeting WHERE id = ?1", id,
                                    _("These minutes no longer exist; they may have been "
                                      "deleted."),
                                    error);
}

static gboolean
load_children (SdbDatabase  *db,
               SdbMeeting   *meeting,
               GError      **error)
{
  if (!read_children (db, &attendees_list, meeting->id, meeting->attendees, NULL, error)
      || !read_children (db, &documents_list, meeting->id, meeting->documents, NULL, error))
    return FALSE;
  meeting->children_loaded = TRUE;
  return TRUE;
}

/**
 * sdb_meeting_lookup:
 *
 * Returns: (transfer full): the minutes with their attendees and documents.
 */
SdbMeeting *
sdb_meeting_lookup (SdbDatabase  *db,
                    gint64        id,
                    GError      **error)
{
  g_autoptr(SdbMeeting) meeting = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  {
    g_autoptr(SdbStmt) stmt =
      sdb_database_prepare (db, "SELECT " COLUMNS " FROM meeting WHERE id = ?1", error);

    if (stmt == NULL)
      return NULL;
    sdb_stmt_bind_int (stmt, 1, id);
    meeting = sdb_database_lookup_row (db, stmt, (SdbRowFunc) from_row,
                                       _("These minutes no longer exist; they may have been "
                                         "deleted."),
                                       error);
    if (meeting == NULL)
      return NULL;
  }

  if (!load_children (db, meeting, error))
    return NULL;
  return g_steal_pointer (&meeting);
}

/**
 * sdb_meeting_list:
 * @filter: (nullable): which meetings; %NULL for all
 *
 * The items are summaries: their attendee and document lists are empty and
 * sdb_meeting_get_children_loaded () is %FALSE. Use sdb_meeting_lookup () to show or edit one.
 *
 * Returns: (transfer full): the meetings, by date then number.
 */
GListModel *
sdb_meeting_list (SdbDatabase             *db,
                  const SdbMeetingFilter  *filter,
                  GError                 **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  /* Dates are ISO text: a year is the range [year, year + 1). Without a year the range spans
   * every date ("" to "~", after every digit), so one statement serves, by its index. */
  if (filter != NULL && filter->year > 0)
    {
      first = g_strdup_printf ("%04d", filter->year);
      next = g_strdup_printf ("%04d", filter->year + 1);
    }
  else
    {
      first = g_strdup ("");
      next = g_strdup ("~");
    }
  if (filter != NULL && filter->search != NULL)
    key = sdb_vn_search_key (filter->search);

  /* No search key column for meetings: a committee holds a few hundred of them, so folding
   * the text of those in the year range at search time costs less than keeping keys. */
  stmt = sdb_database_prepare (db,
                               "SELECT " COLUMNS " FROM meeting"
                               " WHERE date >= ?1 AND date < ?2"
                               " AND (?3 IS NULL OR kind = ?3)"
                               " AND (?4 IS NULL OR instr (sdb_search_key (number || '-' || symbol"
                               "      || ' ' || place || ' ' || content), ?4) > 0)"
                               " ORDER BY date, CAST (number AS INTEGER), number, id", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_text (stmt, 1, first);
  sdb_stmt_bind_text (stmt, 2, next);
  if (filter != NULL && filter->kind >= 0)
    sdb_stmt_bind_enum (stmt, 3, SDB_TYPE_MEETING_KIND, filter->kind);
  else
    sqlite3_bind_null (stmt, 3);
  if (key != NULL && *key != '\0')
    sdb_stmt_bind_text (stmt, 4, key);
  else
    sqlite3_bind_null (stmt, 4);

  return sdb_database_list_rows (db, stmt, SDB_TYPE_MEETING, (SdbRowFunc) from_row, error);
}
