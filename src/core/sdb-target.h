/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-target: admission targets ("chỉ tiêu kết nạp"), set for one year or for several (a term,
 * e.g. 2020–2025), for the whole committee or for one organization. A one-year target has
 * first-year == last-year. */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

#define SDB_TYPE_TARGET (sdb_target_get_type ())
G_DECLARE_FINAL_TYPE (SdbTarget, sdb_target, SDB, TARGET, GObject)

/* Which targets sdb_target_list () returns. Start from SDB_TARGET_FILTER_INIT: a zeroed filter
 * means "committee-wide targets only", not "all". */
typedef struct
{
  int    year;             /* targets whose years include it; 0 for every year */
  gint64 organization_id;  /* -1 any; 0 committee-wide targets only; > 0 that organization */
} SdbTargetFilter;

#define SDB_TARGET_FILTER_INIT { 0, -1 }

SdbTarget  *sdb_target_new                  (void);
SdbTarget  *sdb_target_copy                 (SdbTarget              *self);

gint64      sdb_target_get_id               (SdbTarget              *self);
int         sdb_target_get_first_year       (SdbTarget              *self);
void        sdb_target_set_first_year       (SdbTarget              *self,
                                             int                     first_year);
int         sdb_target_get_last_year        (SdbTarget              *self);
void        sdb_target_set_last_year        (SdbTarget              *self,
                                             int                     last_year);
/* Sets first-year and last-year together: a target for one year. */
void        sdb_target_set_year             (SdbTarget              *self,
                                             int                     year);
gboolean    sdb_target_is_one_year          (SdbTarget              *self);
gint64      sdb_target_get_organization_id  (SdbTarget              *self);
void        sdb_target_set_organization_id  (SdbTarget              *self,
                                             gint64                  organization_id);
int         sdb_target_get_number           (SdbTarget              *self);
void        sdb_target_set_number           (SdbTarget              *self,
                                             int                     number);

gboolean    sdb_target_validate             (SdbDatabase            *db,
                                             SdbTarget              *target,
                                             GPtrArray              *problems,
                                             GError                **error);
gboolean    sdb_target_insert               (SdbDatabase            *db,
                                             SdbTarget              *target,
                                             GPtrArray              *problems,
                                             GError                **error);
gboolean    sdb_target_update               (SdbDatabase            *db,
                                             SdbTarget              *target,
                                             GPtrArray              *problems,
                                             GError                **error);
gboolean    sdb_target_delete               (SdbDatabase            *db,
                                             gint64                  id,
                                             GError                **error);
SdbTarget  *sdb_target_lookup               (SdbDatabase            *db,
                                             gint64                  id,
                                             GError                **error);
SdbTarget  *sdb_target_lookup_for_year      (SdbDatabase            *db,
                                             int                     year,
                                             gint64                  organization_id,
                                             gboolean                term,
                                             GError                **error);
GListModel *sdb_target_list                 (SdbDatabase            *db,
                                             const SdbTargetFilter  *filter,
                                             GError                **error);

G_END_DECLS
