/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-member: the party members of the committee. An SdbMember is the person; where they are is
 * their history of SdbMemberEvent (admitted, transferred in, moved between cells, readmitted,
 * transferred out, left), so a past year's figures count each cell as it stood then. The member
 * row keeps the organization of the latest event ("organization-id"), 0 once they have left the
 * committee. Periods of exemption from work and meetings are SdbMemberExemption. */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

/* The member ---------------------------------------------------------------------------------- */

#define SDB_TYPE_MEMBER (sdb_member_get_type ())
G_DECLARE_FINAL_TYPE (SdbMember, sdb_member, SDB, MEMBER, GObject)

SdbMember     *sdb_member_new                  (void);
SdbMember     *sdb_member_copy                 (SdbMember      *self);

gint64         sdb_member_get_id               (SdbMember      *self);
const char    *sdb_member_get_code             (SdbMember      *self);
void           sdb_member_set_code             (SdbMember      *self,
                                                const char     *code);
const char    *sdb_member_get_full_name        (SdbMember      *self);
void           sdb_member_set_full_name        (SdbMember      *self,
                                                const char     *full_name);
SdbGender      sdb_member_get_gender           (SdbMember      *self);
void           sdb_member_set_gender           (SdbMember      *self,
                                                SdbGender       gender);
const SdbDate *sdb_member_get_birth_date       (SdbMember      *self);
void           sdb_member_set_birth_date       (SdbMember      *self,
                                                const SdbDate  *birth_date);
const SdbDate *sdb_member_get_admission_date   (SdbMember      *self);
void           sdb_member_set_admission_date   (SdbMember      *self,
                                                const SdbDate  *admission_date);
const SdbDate *sdb_member_get_official_date    (SdbMember      *self);
void           sdb_member_set_official_date    (SdbMember      *self,
                                                const SdbDate  *official_date);
const char    *sdb_member_get_ethnicity        (SdbMember      *self);
void           sdb_member_set_ethnicity        (SdbMember      *self,
                                                const char     *ethnicity);
const char    *sdb_member_get_religion         (SdbMember      *self);
void           sdb_member_set_religion         (SdbMember      *self,
                                                const char     *religion);
const char    *sdb_member_get_hometown         (SdbMember      *self);
void           sdb_member_set_hometown         (SdbMember      *self,
                                                const char     *hometown);
const char    *sdb_member_get_card_number      (SdbMember      *self);
void           sdb_member_set_card_number      (SdbMember      *self,
                                                const char     *card_number);
const char    *sdb_member_get_position         (SdbMember      *self);
void           sdb_member_set_position         (SdbMember      *self,
                                                const char     *position);
const char    *sdb_member_get_notes            (SdbMember      *self);
void           sdb_member_set_notes            (SdbMember      *self,
                                                const char     *notes);
gint64         sdb_member_get_organization_id  (SdbMember      *self);

gboolean       sdb_member_validate             (SdbDatabase    *db,
                                                SdbMember      *member,
                                                GPtrArray      *problems,
                                                GError        **error);
gboolean       sdb_member_insert               (SdbDatabase    *db,
                                                SdbMember      *member,
                                                GPtrArray      *problems,
                                                GError        **error);
gboolean       sdb_member_update               (SdbDatabase    *db,
                                                SdbMember      *member,
                                                GPtrArray      *problems,
                                                GError        **error);
gboolean       sdb_member_delete               (SdbDatabase    *db,
                                                gint64          id,
                                                GError        **error);
SdbMember     *sdb_member_lookup               (SdbDatabase    *db,
                                                gint64          id,
                                                GError        **error);
SdbMember     *sdb_member_lookup_by_code       (SdbDatabase    *db,
                                                const char     *code,
                                                GError        **error);

gboolean       sdb_member_admit                (SdbDatabase    *db,
                                                SdbMember      *member,
                                                gint64          organization_id,
                                                GPtrArray      *problems,
                                                GError        **error);
gboolean       sdb_member_transfer_in          (SdbDatabase    *db,
                                                SdbMember      *member,
                                                const SdbDate  *date,
                                                gint64          organization_id,
                                                const char     *from_place,
                                                GPtrArray      *problems,
                                                GError        **error);

/* A new member with the outline of their history that an office's sheet gives (an import): how
 * they entered the committee and into which cell, a move into their present cell, and how they
 * left. */
typedef enum
{
  SDB_MEMBER_OUTLINE_ENTRY,
  SDB_MEMBER_OUTLINE_MOVE,
  SDB_MEMBER_OUTLINE_DEPARTURE,
  SDB_MEMBER_OUTLINE_N_STEPS,
} SdbMemberOutlineStep;

typedef struct
{
  gboolean            transferred_in;  /* FALSE: admitted, on the member's admission date */
  SdbDate             entered_on;      /* the date of the transfer in */
  gint64              entered_organization_id;
  SdbDate             moved_on;        /* year 0: no move */
  gint64              organization_id; /* the cell moved into */
  SdbMemberEventKind  departure;       /* TRANSFER_OUT, LEFT, or 0 (ADMITTED) for none */
  SdbDate             left_on;
  SdbLeavingReason    reason;          /* for LEFT */
} SdbMemberOutline;

gboolean       sdb_member_insert_outline       (SdbDatabase             *db,
                                                SdbMember               *member,
                                                const SdbMemberOutline  *outline,
                                                GPtrArray              **problems,
                                                GError                 **error);
void           sdb_member_hold_cells           (SdbDatabase             *db,
                                                gboolean                 hold);

/* Events: where the member was, and when ---------------------------------------------------- */

#define SDB_TYPE_MEMBER_EVENT (sdb_member_event_get_type ())
G_DECLARE_FINAL_TYPE (SdbMemberEvent, sdb_member_event, SDB, MEMBER_EVENT, GObject)

SdbMemberEvent     *sdb_member_event_new                 (void);
SdbMemberEvent     *sdb_member_event_copy                (SdbMemberEvent     *self);

gint64              sdb_member_event_get_id              (SdbMemberEvent     *self);
gint64              sdb_member_event_get_member_id       (SdbMemberEvent     *self);
void                sdb_member_event_set_member_id       (SdbMemberEvent     *self,
                                                          gint64              member_id);
const SdbDate      *sdb_member_event_get_date            (SdbMemberEvent     *self);
void                sdb_member_event_set_date            (SdbMemberEvent     *self,
                                                          const SdbDate      *date);
SdbMemberEventKind  sdb_member_event_get_kind            (SdbMemberEvent     *self);
void                sdb_member_event_set_kind            (SdbMemberEvent     *self,
                                                          SdbMemberEventKind  kind);
gint64              sdb_member_event_get_organization_id (SdbMemberEvent     *self);
void                sdb_member_event_set_organization_id (SdbMemberEvent     *self,
                                                          gint64              organization_id);
SdbLeavingReason    sdb_member_event_get_reason          (SdbMemberEvent     *self);
void                sdb_member_event_set_reason          (SdbMemberEvent     *self,
                                                          SdbLeavingReason    reason);
const char         *sdb_member_event_get_place           (SdbMemberEvent     *self);
void                sdb_member_event_set_place           (SdbMemberEvent     *self,
                                                          const char         *place);
const char         *sdb_member_event_get_notes           (SdbMemberEvent     *self);
void                sdb_member_event_set_notes           (SdbMemberEvent     *self,
                                                          const char         *notes);

gboolean            sdb_member_validate_event            (SdbDatabase        *db,
                                                          SdbMemberEvent     *event,
                                                          GPtrArray          *problems,
                                                          GError            **error);
gboolean            sdb_member_add_event                 (SdbDatabase        *db,
                                                          SdbMemberEvent     *event,
                                                          GPtrArray          *problems,
                                                          GError            **error);
gboolean            sdb_member_delete_event              (SdbDatabase        *db,
                                                          gint64              event_id,
                                                          GError            **error);
GListModel         *sdb_member_list_events               (SdbDatabase        *db,
                                                          gint64              member_id,
                                                          GError            **error);

gboolean            sdb_member_move                      (SdbDatabase        *db,
                                                          gint64              member_id,
                                                          const SdbDate      *date,
                                                          gint64              organization_id,
                                                          GPtrArray          *problems,
                                                          GError            **error);
gboolean            sdb_member_transfer_out              (SdbDatabase        *db,
                                                          gint64              member_id,
                                                          const SdbDate      *date,
                                                          const char         *to_place,
                                                          GPtrArray          *problems,
                                                          GError            **error);
gboolean            sdb_member_leave                     (SdbDatabase        *db,
                                                          gint64              member_id,
                                                          const SdbDate      *date,
                                                          SdbLeavingReason    reason,
                                                          GPtrArray          *problems,
                                                          GError            **error);
gboolean            sdb_member_readmit                   (SdbDatabase        *db,
                                                          gint64              member_id,
                                                          const SdbDate      *date,
                                                          gint64              organization_id,
                                                          GPtrArray          *problems,
                                                          GError            **error);
gboolean            sdb_member_get_organization_at       (SdbDatabase        *db,
                                                          gint64              member_id,
                                                          const SdbDate      *date,
                                                          gint64             *organization_id,
                                                          GError            **error);

/* Exemption from work and meetings --------------------------------------------------------- */

#define SDB_TYPE_MEMBER_EXEMPTION (sdb_member_exemption_get_type ())
G_DECLARE_FINAL_TYPE (SdbMemberExemption, sdb_member_exemption, SDB, MEMBER_EXEMPTION, GObject)

SdbMemberExemption *sdb_member_exemption_new             (void);
SdbMemberExemption *sdb_member_exemption_copy            (SdbMemberExemption *self);

gint64              sdb_member_exemption_get_id          (SdbMemberExemption *self);
gint64              sdb_member_exemption_get_member_id   (SdbMemberExemption *self);
void                sdb_member_exemption_set_member_id   (SdbMemberExemption *self,
                                                          gint64              member_id);
const SdbDate      *sdb_member_exemption_get_first_date  (SdbMemberExemption *self);
void                sdb_member_exemption_set_first_date  (SdbMemberExemption *self,
                                                          const SdbDate      *first_date);
const SdbDate      *sdb_member_exemption_get_last_date   (SdbMemberExemption *self);
void                sdb_member_exemption_set_last_date   (SdbMemberExemption *self,
                                                          const SdbDate      *last_date);
const char         *sdb_member_exemption_get_reason      (SdbMemberExemption *self);
void                sdb_member_exemption_set_reason      (SdbMemberExemption *self,
                                                          const char         *reason);

gboolean            sdb_member_validate_exemption        (SdbDatabase        *db,
                                                          SdbMemberExemption *exemption,
                                                          GPtrArray          *problems,
                                                          GError            **error);
gboolean            sdb_member_add_exemption             (SdbDatabase        *db,
                                                          SdbMemberExemption *exemption,
                                                          GPtrArray          *problems,
                                                          GError            **error);
gboolean            sdb_member_update_exemption          (SdbDatabase        *db,
                                                          SdbMemberExemption *exemption,
                                                          GPtrArray          *problems,
                                                          GError            **error);
gboolean            sdb_member_delete_exemption          (SdbDatabase        *db,
                                                          gint64              exemption_id,
                                                          GError            **error);
GListModel         *sdb_member_list_exemptions           (SdbDatabase        *db,
                                                          gint64              member_id,
                                                          GError            **error);
gboolean            sdb_member_is_exempt_on              (SdbDatabase        *db,
                                                          gint64              member_id,
                                                          const SdbDate      *date,
                                                          gboolean           *exempt,
                                                          GError            **error);

G_END_DECLS
