/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-types: every closed list of the domain (DOMAIN.md). The nick of each value is the code
 * stored in the database and used by the CLI and imports, so it never changes; what a person
 * reads comes from sdb_enum_get_label (), through gettext. */
#pragma once

#include <glib-object.h>

#include "sdb-vn.h"

G_BEGIN_DECLS

/* The level of the committee that uses the program. */
typedef enum /*< prefix=SDB_LEVEL >*/
{
  SDB_LEVEL_DISTRICT,    /*< nick=district >*/
  SDB_LEVEL_COMMUNE,     /*< nick=commune >*/
  SDB_LEVEL_PROVINCE,    /*< nick=province >*/
  SDB_LEVEL_GRASSROOTS,  /*< nick=grassroots >*/
} SdbLevel;

typedef enum /*< prefix=SDB_ORGANIZATION_KIND >*/
{
  SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO,  /*< nick=dang_bo_cap_tren_co_so >*/
  SDB_ORGANIZATION_KIND_DANG_BO_CO_SO,           /*< nick=dang_bo_co_so >*/
  SDB_ORGANIZATION_KIND_CHI_BO_CO_SO,            /*< nick=chi_bo_co_so >*/
  SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN,         /*< nick=dang_bo_bo_phan >*/
  SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC,       /*< nick=chi_bo_truc_thuoc >*/
} SdbOrganizationKind;

typedef enum /*< prefix=SDB_ORGANIZATION_EVENT_KIND >*/
{
  SDB_ORGANIZATION_EVENT_KIND_RENAME,    /*< nick=rename >*/
  SDB_ORGANIZATION_EVENT_KIND_MOVE,      /*< nick=move >*/
  SDB_ORGANIZATION_EVENT_KIND_MERGE,     /*< nick=merge >*/
  SDB_ORGANIZATION_EVENT_KIND_DISSOLVE,  /*< nick=dissolve >*/
} SdbOrganizationEventKind;

typedef enum /*< prefix=SDB_GENDER >*/
{
  SDB_GENDER_MALE,    /*< nick=male >*/
  SDB_GENDER_FEMALE,  /*< nick=female >*/
} SdbGender;

/* What happened to a member on a date. Every kind but the departures places the member in an
 * organization of the committee; a departure places them outside it. */
typedef enum /*< prefix=SDB_MEMBER_EVENT_KIND >*/
{
  SDB_MEMBER_EVENT_KIND_ADMITTED,      /*< nick=admitted >*/
  SDB_MEMBER_EVENT_KIND_TRANSFER_IN,   /*< nick=transfer_in >*/
  SDB_MEMBER_EVENT_KIND_MOVE,          /*< nick=move >*/
  SDB_MEMBER_EVENT_KIND_READMITTED,    /*< nick=readmitted >*/
  SDB_MEMBER_EVENT_KIND_TRANSFER_OUT,  /*< nick=transfer_out >*/
  SDB_MEMBER_EVENT_KIND_LEFT,          /*< nick=left >*/
} SdbMemberEventKind;

typedef enum /*< prefix=SDB_LEAVING_REASON >*/
{
  SDB_LEAVING_REASON_DIED,        /*< nick=died >*/
  SDB_LEAVING_REASON_STRUCK_OFF,  /*< nick=struck_off >*/
  SDB_LEAVING_REASON_EXPELLED,    /*< nick=expelled >*/
  SDB_LEAVING_REASON_RESIGNED,    /*< nick=resigned >*/
} SdbLeavingReason;

typedef enum /*< prefix=SDB_GRADE >*/
{
  SDB_GRADE_EXCELLENT,  /*< nick=excellent >*/
  SDB_GRADE_GOOD,       /*< nick=good >*/
  SDB_GRADE_DONE,       /*< nick=done >*/
  SDB_GRADE_FAILED,     /*< nick=failed >*/
} SdbGrade;

typedef enum /*< prefix=SDB_NOT_RATED_REASON >*/
{
  SDB_NOT_RATED_REASON_RECENTLY_ADMITTED,  /*< nick=recently_admitted >*/
  SDB_NOT_RATED_REASON_EXEMPT,             /*< nick=exempt >*/
  SDB_NOT_RATED_REASON_SUSPENDED,          /*< nick=suspended >*/
  SDB_NOT_RATED_REASON_RECENTLY_FOUNDED,   /*< nick=recently_founded >*/
  SDB_NOT_RATED_REASON_OTHER,              /*< nick=other >*/
} SdbNotRatedReason;

typedef enum /*< prefix=SDB_MEETING_KIND >*/
{
  SDB_MEETING_KIND_EXECUTIVE,         /*< nick=executive >*/
  SDB_MEETING_KIND_STANDING,          /*< nick=standing >*/
  SDB_MEETING_KIND_STANDING_MEMBERS,  /*< nick=standing_members >*/
  SDB_MEETING_KIND_YEAR_END,          /*< nick=year_end >*/
  SDB_MEETING_KIND_MID_TERM,          /*< nick=mid_term >*/
  SDB_MEETING_KIND_THEMATIC,          /*< nick=thematic >*/
  SDB_MEETING_KIND_DISSEMINATION,     /*< nick=dissemination >*/
  SDB_MEETING_KIND_OTHER,             /*< nick=other >*/
} SdbMeetingKind;

/* How a person appears in a meeting's minutes. */
typedef enum /*< prefix=SDB_ATTENDANCE >*/
{
  SDB_ATTENDANCE_PRESENT,  /*< nick=present >*/
  SDB_ATTENDANCE_ABSENT,   /*< nick=absent >*/
  SDB_ATTENDANCE_GUEST,    /*< nick=guest >*/
} SdbAttendance;

/* SdbDate as a boxed type, so records can hold dates as properties; a %NULL value is "no
 * date". */
#define SDB_TYPE_DATE (sdb_date_get_type ())
GType       sdb_date_get_type   (void) G_GNUC_CONST;
SdbDate    *sdb_date_copy       (const SdbDate *date);
void        sdb_date_free       (SdbDate       *date);

const char *sdb_enum_to_code    (GType        enum_type,
                                 int          value);
gboolean    sdb_enum_from_code  (GType        enum_type,
                                 const char  *code,
                                 int         *value);
const char *sdb_enum_get_label  (GType        enum_type,
                                 int          value);
char       *sdb_enum_dup_codes  (GType        enum_type);

G_END_DECLS
