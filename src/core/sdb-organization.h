/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-organization: the committee's party organizations ("tổ chức đảng"), the sectors ("khối")
 * they belong to, and their dated history. An organization row holds its present state; each
 * rename, move, merger and dissolution is an SdbOrganizationEvent that keeps the value before
 * and after it, so the tree can be rebuilt as it stood on any date (a year's figures use the
 * tree of 31/12). */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

/* Sectors ------------------------------------------------------------------------------------ */

#define SDB_TYPE_SECTOR (sdb_sector_get_type ())
G_DECLARE_FINAL_TYPE (SdbSector, sdb_sector, SDB, SECTOR, GObject)

SdbSector     *sdb_sector_new                 (void);
SdbSector     *sdb_sector_copy                (SdbSector      *self);

gint64         sdb_sector_get_id              (SdbSector      *self);
const char    *sdb_sector_get_name            (SdbSector      *self);
void           sdb_sector_set_name            (SdbSector      *self,
                                               const char     *name);
int            sdb_sector_get_position        (SdbSector      *self);
void           sdb_sector_set_position        (SdbSector      *self,
                                               int             position);

gboolean       sdb_sector_validate            (SdbDatabase    *db,
                                               SdbSector      *sector,
                                               GPtrArray      *problems,
                                               GError        **error);
gboolean       sdb_sector_insert              (SdbDatabase    *db,
                                               SdbSector      *sector,
                                               GPtrArray      *problems,
                                               GError        **error);
gboolean       sdb_sector_update              (SdbDatabase    *db,
                                               SdbSector      *sector,
                                               GPtrArray      *problems,
                                               GError        **error);
gboolean       sdb_sector_delete              (SdbDatabase    *db,
                                               gint64          id,
                                               GError        **error);
SdbSector     *sdb_sector_lookup              (SdbDatabase    *db,
                                               gint64          id,
                                               GError        **error);
GListModel    *sdb_sector_list                (SdbDatabase    *db,
                                               GError        **error);
gboolean       sdb_sector_insert_defaults     (SdbDatabase    *db,
                                               GError        **error);

/* Organizations ------------------------------------------------------------------------------ */

#define SDB_TYPE_ORGANIZATION (sdb_organization_get_type ())
G_DECLARE_FINAL_TYPE (SdbOrganization, sdb_organization, SDB, ORGANIZATION, GObject)

SdbOrganization     *sdb_organization_new            (void);
SdbOrganization     *sdb_organization_copy           (SdbOrganization  *self);

gint64               sdb_organization_get_id         (SdbOrganization  *self);
const char          *sdb_organization_get_code       (SdbOrganization  *self);
void                 sdb_organization_set_code       (SdbOrganization  *self,
                                                      const char       *code);
const char          *sdb_organization_get_name       (SdbOrganization  *self);
void                 sdb_organization_set_name       (SdbOrganization  *self,
                                                      const char       *name);
SdbOrganizationKind  sdb_organization_get_kind       (SdbOrganization  *self);
void                 sdb_organization_set_kind       (SdbOrganization  *self,
                                                      SdbOrganizationKind kind);
gint64               sdb_organization_get_parent_id  (SdbOrganization  *self);
void                 sdb_organization_set_parent_id  (SdbOrganization  *self,
                                                      gint64            parent_id);
gint64               sdb_organization_get_sector_id  (SdbOrganization  *self);
void                 sdb_organization_set_sector_id  (SdbOrganization  *self,
                                                      gint64            sector_id);
const SdbDate       *sdb_organization_get_founded    (SdbOrganization  *self);
void                 sdb_organization_set_founded    (SdbOrganization  *self,
                                                      const SdbDate    *founded);
const SdbDate       *sdb_organization_get_dissolved  (SdbOrganization  *self);
void                 sdb_organization_set_dissolved  (SdbOrganization  *self,
                                                      const SdbDate    *dissolved);
const char          *sdb_organization_get_notes      (SdbOrganization  *self);
void                 sdb_organization_set_notes      (SdbOrganization  *self,
                                                      const char       *notes);

/* Which kind of organization may stand where (DOMAIN.md): @parent_kind is the kind of the
 * parent, or -1 for directly under the committee, whose level is @level. */
gboolean             sdb_organization_kind_allowed   (SdbLevel             level,
                                                      SdbOrganizationKind  parent_kind,
                                                      SdbOrganizationKind  kind);

gboolean             sdb_organization_validate       (SdbDatabase      *db,
                                                      SdbOrganization  *organization,
                                                      GPtrArray        *problems,
                                                      GError          **error);
gboolean             sdb_organization_insert         (SdbDatabase      *db,
                                                      SdbOrganization  *organization,
                                                      GPtrArray        *problems,
                                                      GError          **error);
gboolean             sdb_organization_update         (SdbDatabase      *db,
                                                      SdbOrganization  *organization,
                                                      GPtrArray        *problems,
                                                      GError          **error);
gboolean             sdb_organization_delete         (SdbDatabase      *db,
                                                      gint64            id,
                                                      GError          **error);
SdbOrganization     *sdb_organization_lookup         (SdbDatabase      *db,
                                                      gint64            id,
                                                      GError          **error);
SdbOrganization     *sdb_organization_lookup_by_code (SdbDatabase      *db,
                                                      const char       *code,
                                                      GError          **error);

/* Which organizations sdb_organization_list () returns; sdb_organization_filter_init () sets
 * every field to "any". */
typedef struct
{
  /* NULL: the present state, dissolved organizations included unless include_dissolved is
   * FALSE. A date: the organizations that existed on it, with the name and parent they had
   * then (include_dissolved is then ignored). */
  const SdbDate *on_date;
  gint64         parent_id;          /* 0: any parent */
  gboolean       top_level_only;     /* only those directly under the committee */
  int            kind;               /* an SdbOrganizationKind, or -1 for any */
  gint64         sector_id;          /* 0: any sector */
  const char    *search;             /* ignores case and diacritics; NULL or "" for all */
  gboolean       include_dissolved;
} SdbOrganizationFilter;

void                 sdb_organization_filter_init    (SdbOrganizationFilter       *filter);
GListModel          *sdb_organization_list           (SdbDatabase                 *db,
                                                      const SdbOrganizationFilter *filter,
                                                      GError                     **error);
gboolean             sdb_organization_get_state_at   (SdbDatabase      *db,
                                                      gint64            id,
                                                      const SdbDate    *date,
                                                      char            **name,
                                                      gint64           *parent_id,
                                                      gboolean         *exists,
                                                      GError          **error);

/* Dated events ------------------------------------------------------------------------------- */

#define SDB_TYPE_ORGANIZATION_EVENT (sdb_organization_event_get_type ())
G_DECLARE_FINAL_TYPE (SdbOrganizationEvent, sdb_organization_event, SDB, ORGANIZATION_EVENT,
                      GObject)

SdbOrganizationEvent     *sdb_organization_event_new                 (void);
SdbOrganizationEvent     *sdb_organization_event_copy                (SdbOrganizationEvent *self);

gint64                    sdb_organization_event_get_id              (SdbOrganizationEvent *self);
gint64                    sdb_organization_event_get_organization_id (SdbOrganizationEvent *self);
void                      sdb_organization_event_set_organization_id (SdbOrganizationEvent *self,
                                                                      gint64 organization_id);
const SdbDate            *sdb_organization_event_get_date            (SdbOrganizationEvent *self);
void                      sdb_organization_event_set_date            (SdbOrganizationEvent *self,
                                                                      const SdbDate *date);
SdbOrganizationEventKind  sdb_organization_event_get_kind            (SdbOrganizationEvent *self);
void                      sdb_organization_event_set_kind            (SdbOrganizationEvent *self,
                                                                      SdbOrganizationEventKind
                                                                      kind);
/* The new name of a rename, and the name it replaced (read only: set when saved). */
const char               *sdb_organization_event_get_name            (SdbOrganizationEvent *self);
void                      sdb_organization_event_set_name            (SdbOrganizationEvent *self,
                                                                      const char *name);
const char               *sdb_organization_event_get_old_name        (SdbOrganizationEvent *self);
/* The new parent of a move (0: directly under the committee), and the one it left. */
gint64                    sdb_organization_event_get_parent_id       (SdbOrganizationEvent *self);
void                      sdb_organization_event_set_parent_id       (SdbOrganizationEvent *self,
                                                                      gint64 parent_id);
gint64                    sdb_organization_event_get_old_parent_id   (SdbOrganizationEvent *self);
/* The organization a merger merged into. */
gint64                    sdb_organization_event_get_target_id       (SdbOrganizationEvent *self);
void                      sdb_organization_event_set_target_id       (SdbOrganizationEvent *self,
                                                                      gint64 target_id);
const char               *sdb_organization_event_get_notes           (SdbOrganizationEvent *self);
void                      sdb_organization_event_set_notes           (SdbOrganizationEvent *self,
                                                                      const char *notes);

gboolean             sdb_organization_validate_event (SdbDatabase           *db,
                                                      SdbOrganizationEvent  *event,
                                                      GPtrArray             *problems,
                                                      GError               **error);
gboolean             sdb_organization_add_event      (SdbDatabase           *db,
                                                      SdbOrganizationEvent  *event,
                                                      GPtrArray             *problems,
                                                      GError               **error);
gboolean             sdb_organization_delete_event   (SdbDatabase           *db,
                                                      gint64                 event_id,
                                                      GError               **error);
GListModel          *sdb_organization_list_events    (SdbDatabase           *db,
                                                      gint64                 organization_id,
                                                      GError               **error);

G_END_DECLS
