/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-award: the awards ("khen thưởng") the committee gives in a year. Each goes to exactly one
 * recipient: a collective ("tập thể", an organization) or an individual ("cá nhân", a member
 * of the committee or a person named in full), and may name the meeting where it was
 * presented. */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

#define SDB_TYPE_AWARD (sdb_award_get_type ())
G_DECLARE_FINAL_TYPE (SdbAward, sdb_award, SDB, AWARD, GObject)

/* Which awards sdb_award_list () returns; a field of 0 matches any. */
typedef struct
{
  int    year;
  gint64 organization_id;
  gint64 member_id;
  gint64 meeting_id;
} SdbAwardFilter;

SdbAward   *sdb_award_new                 (void);
SdbAward   *sdb_award_copy                (SdbAward             *self);

gint64      sdb_award_get_id              (SdbAward             *self);
int         sdb_award_get_year            (SdbAward             *self);
void        sdb_award_set_year            (SdbAward             *self,
                                           int                   year);
gint64      sdb_award_get_organization_id (SdbAward             *self);
void        sdb_award_set_organization_id (SdbAward             *self,
                                           gint64                organization_id);
gint64      sdb_award_get_member_id       (SdbAward             *self);
void        sdb_award_set_member_id       (SdbAward             *self,
                                           gint64                member_id);
const char *sdb_award_get_person_name     (SdbAward             *self);
void        sdb_award_set_person_name     (SdbAward             *self,
                                           const char           *person_name);
const char *sdb_award_get_form            (SdbAward             *self);
void        sdb_award_set_form            (SdbAward             *self,
                                           const char           *form);
const char *sdb_award_get_reason          (SdbAward             *self);
void        sdb_award_set_reason          (SdbAward             *self,
                                           const char           *reason);
gint64      sdb_award_get_meeting_id      (SdbAward             *self);
void        sdb_award_set_meeting_id      (SdbAward             *self,
                                           gint64                meeting_id);
gboolean    sdb_award_is_collective       (SdbAward             *self);

gboolean    sdb_award_validate            (SdbDatabase          *db,
                                           SdbAward             *award,
                                           GPtrArray            *problems,
                                           GError              **error);
gboolean    sdb_award_insert              (SdbDatabase          *db,
                                           SdbAward             *award,
                                           GPtrArray            *problems,
                                           GError              **error);
gboolean    sdb_award_update              (SdbDatabase          *db,
                                           SdbAward             *award,
                                           GPtrArray            *problems,
                                           GError              **error);
gboolean    sdb_award_delete              (SdbDatabase          *db,
                                           gint64                id,
                                           GError              **error);
SdbAward   *sdb_award_lookup              (SdbDatabase          *db,
                                           gint64                id,
                                           GError              **error);
GListModel *sdb_award_list                (SdbDatabase          *db,
                                           const SdbAwardFilter *filter,
                                           GError              **error);
gboolean    sdb_award_count_year          (SdbDatabase          *db,
                                           int                   year,
                                           guint                *collectives,
                                           guint                *individuals,
                                           GError              **error);

G_END_DECLS
