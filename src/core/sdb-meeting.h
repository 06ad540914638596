/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-meeting: the minutes ("biên bản") of a committee meeting. An SdbMeeting owns two lists in
 * the order of the minutes: who attended (delegates present and absent, invited guests) and the
 * documents disseminated or issued. The meeting and its lists are saved together, in one
 * transaction: a save replaces every attendee and document stored before. */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

/* One person in the minutes: a delegate present or absent (with the reason), or a guest. */
#define SDB_TYPE_MEETING_ATTENDEE (sdb_meeting_attendee_get_type ())
G_DECLARE_FINAL_TYPE (SdbMeetingAttendee, sdb_meeting_attendee, SDB, MEETING_ATTENDEE, GObject)

SdbMeetingAttendee *sdb_meeting_attendee_new            (void);
SdbMeetingAttendee *sdb_meeting_attendee_copy           (SdbMeetingAttendee *self);

SdbAttendance       sdb_meeting_attendee_get_attendance (SdbMeetingAttendee *self);
void                sdb_meeting_attendee_set_attendance (SdbMeetingAttendee *self,
                                                         SdbAttendance       attendance);
const char         *sdb_meeting_attendee_get_name       (SdbMeetingAttendee *self);
void                sdb_meeting_attendee_set_name       (SdbMeetingAttendee *self,
                                                         const char         *name);
const char         *sdb_meeting_attendee_get_title      (SdbMeetingAttendee *self);
void                sdb_meeting_attendee_set_title      (SdbMeetingAttendee *self,
                                                         const char         *title);
const char         *sdb_meeting_attendee_get_reason     (SdbMeetingAttendee *self);
void                sdb_meeting_attendee_set_reason     (SdbMeetingAttendee *self,
                                                         const char         *reason);
gint64              sdb_meeting_attendee_get_member_id  (SdbMeetingAttendee *self);
void                sdb_meeting_attendee_set_member_id  (SdbMeetingAttendee *self,
                                                         gint64              member_id);

/* A document disseminated or issued at the meeting, as in "Nghị quyết số 33-NQ/TU ngày
 * 20/11/2023". */
#define SDB_TYPE_MEETING_DOCUMENT (sdb_meeting_document_get_type ())
G_DECLARE_FINAL_TYPE (SdbMeetingDocument, sdb_meeting_document, SDB, MEETING_DOCUMENT, GObject)

SdbMeetingDocument *sdb_meeting_document_new            (void);
SdbMeetingDocument *sdb_meeting_document_copy           (SdbMeetingDocument *self);

const char         *sdb_meeting_document_get_number     (SdbMeetingDocument *self);
void                sdb_meeting_document_set_number     (SdbMeetingDocument *self,
                                                         const char         *number);
const char         *sdb_meeting_document_get_symbol     (SdbMeetingDocument *self);
void                sdb_meeting_document_set_symbol     (SdbMeetingDocument *self,
                                                         const char         *symbol);
const SdbDate      *sdb_meeting_document_get_date       (SdbMeetingDocument *self);
void                sdb_meeting_document_set_date       (SdbMeetingDocument *self,
                                                         const SdbDate      *date);
const char         *sdb_meeting_document_get_title      (SdbMeetingDocument *self);
void                sdb_meeting_document_set_title      (SdbMeetingDocument *self,
                                                         const char         *title);
char               *sdb_meeting_document_dup_reference  (SdbMeetingDocument *self);

/* The meeting. */
#define SDB_TYPE_MEETING (sdb_meeting_get_type ())
G_DECLARE_FINAL_TYPE (SdbMeeting, sdb_meeting, SDB, MEETING, GObject)

typedef struct
{
  int         year;     /* 0: any year */
  int         kind;     /* an SdbMeetingKind, or -1 for any kind */
  const char *search;   /* NULL or "": no search; else found in number, symbol, place or
                         * content, ignoring case and diacritics */
} SdbMeetingFilter;

SdbMeeting     *sdb_meeting_new                 (void);
SdbMeeting     *sdb_meeting_copy                (SdbMeeting          *self);

gint64          sdb_meeting_get_id              (SdbMeeting          *self);
const char     *sdb_meeting_get_number          (SdbMeeting          *self);
void            sdb_meeting_set_number          (SdbMeeting          *self,
                                                 const char          *number);
const char     *sdb_meeting_get_symbol          (SdbMeeting          *self);
void            sdb_meeting_set_symbol          (SdbMeeting          *self,
                                                 const char          *symbol);
const char     *sdb_meeting_get_title           (SdbMeeting          *self);
void            sdb_meeting_set_title           (SdbMeeting          *self,
                                                 const char          *title);
const SdbDate  *sdb_meeting_get_date            (SdbMeeting          *self);
void            sdb_meeting_set_date            (SdbMeeting          *self,
                                                 const SdbDate       *date);
const char     *sdb_meeting_get_start_time      (SdbMeeting          *self);
void            sdb_meeting_set_start_time      (SdbMeeting          *self,
                                                 const char          *start_time);
const char     *sdb_meeting_get_end_time        (SdbMeeting          *self);
void            sdb_meeting_set_end_time        (SdbMeeting          *self,
                                                 const char          *end_time);
const char     *sdb_meeting_get_place           (SdbMeeting          *self);
void            sdb_meeting_set_place           (SdbMeeting          *self,
                                                 const char          *place);
SdbMeetingKind  sdb_meeting_get_kind            (SdbMeeting          *self);
void            sdb_meeting_set_kind            (SdbMeeting          *self,
                                                 SdbMeetingKind       kind);
const char     *sdb_meeting_get_chair_name      (SdbMeeting          *self);
void            sdb_meeting_set_chair_name      (SdbMeeting          *self,
                                                 const char          *chair_name);
const char     *sdb_meeting_get_chair_position  (SdbMeeting          *self);
void            sdb_meeting_set_chair_position  (SdbMeeting          *self,
                                                 const char          *chair_position);
const char     *sdb_meeting_get_secretary       (SdbMeeting          *self);
void            sdb_meeting_set_secretary       (SdbMeeting          *self,
                                                 const char          *secretary);
const char     *sdb_meeting_get_content         (SdbMeeting          *self);
void            sdb_meeting_set_content         (SdbMeeting          *self,
                                                 const char          *content);
const char     *sdb_meeting_get_conclusions     (SdbMeeting          *self);
void            sdb_meeting_set_conclusions     (SdbMeeting          *self,
                                                 const char          *conclusions);
const char     *sdb_meeting_get_vote_method     (SdbMeeting          *self);
void            sdb_meeting_set_vote_method     (SdbMeeting          *self,
                                                 const char          *vote_method);
const char     *sdb_meeting_get_vote_result     (SdbMeeting          *self);
void            sdb_meeting_set_vote_result     (SdbMeeting          *self,
                                                 const char          *vote_result);
char           *sdb_meeting_dup_reference       (SdbMeeting          *self);

/* The children, in the order of the minutes. */
GListModel     *sdb_meeting_get_attendees       (SdbMeeting          *self);
void            sdb_meeting_add_attendee        (SdbMeeting          *self,
                                                 SdbMeetingAttendee  *attendee);
void            sdb_meeting_insert_attendee     (SdbMeeting          *self,
                                                 guint                position,
                                                 SdbMeetingAttendee  *attendee);
void            sdb_meeting_remove_attendee     (SdbMeeting          *self,
                                                 guint                position);
void            sdb_meeting_clear_attendees     (SdbMeeting          *self);
GListModel     *sdb_meeting_get_documents       (SdbMeeting          *self);
void            sdb_meeting_add_document        (SdbMeeting          *self,
                                                 SdbMeetingDocument  *document);
void            sdb_meeting_insert_document     (SdbMeeting          *self,
                                                 guint                position,
                                                 SdbMeetingDocument  *document);
void            sdb_meeting_remove_document     (SdbMeeting          *self,
                                                 guint                position);
void            sdb_meeting_clear_documents     (SdbMeeting          *self);
gboolean        sdb_meeting_get_children_loaded (SdbMeeting          *self);

gboolean        sdb_meeting_validate            (SdbDatabase         *db,
                                                 SdbMeeting          *meeting,
                                                 GPtrArray           *problems,
                                                 GError             **error);
gboolean        sdb_meeting_insert              (SdbDatabase         *db,
                                                 SdbMeeting          *meeting,
                                                 GPtrArray           *problems,
                                                 GError             **error);
gboolean        sdb_meeting_update              (SdbDatabase         *db,
                                                 SdbMeeting          *meeting,
                                                 GPtrArray           *problems,
                                                 GError             **error);
gboolean        sdb_meeting_delete              (SdbDatabase         *db,
                                                 gint64               id,
                                                 GError             **error);
SdbMeeting     *sdb_meeting_lookup              (SdbDatabase         *db,
                                                 gint64               id,
                                                 GError             **error);
GListModel     *sdb_meeting_list                (SdbDatabase         *db,
                                                 const SdbMeetingFilter *filter,
                                                 GError             **error);

G_END_DECLS
