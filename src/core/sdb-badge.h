/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-badge: party age ("tuổi Đảng") and the party badges ("Huy hiệu Đảng") given at 30, 40,
 * 45, 50 ... 90 years of it, in rounds on 3/2, 19/5, 2/9 and 7/11. Party age counts from the
 * admission date, minus every period out of the Party (struck off, expelled or resigned, until
 * re-admitted), and stops at death. */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

#define SDB_TYPE_BADGE (sdb_badge_get_type ())
G_DECLARE_FINAL_TYPE (SdbBadge, sdb_badge, SDB, BADGE, GObject)

gboolean       sdb_party_age_months      (SdbDatabase    *db,
                                          gint64          member_id,
                                          const SdbDate  *on,
                                          int            *months,
                                          GError        **error);

const int     *sdb_badge_get_steps       (guint          *n);
gboolean       sdb_badge_is_step         (int             years);
gboolean       sdb_badge_next_round      (const SdbDate  *after,
                                          SdbDate        *round);

SdbBadge      *sdb_badge_new             (void);
SdbBadge      *sdb_badge_copy            (SdbBadge       *self);

gint64         sdb_badge_get_id          (SdbBadge       *self);
gint64         sdb_badge_get_member_id   (SdbBadge       *self);
void           sdb_badge_set_member_id   (SdbBadge       *self,
                                          gint64          member_id);
int            sdb_badge_get_years       (SdbBadge       *self);
void           sdb_badge_set_years       (SdbBadge       *self,
                                          int             years);
const SdbDate *sdb_badge_get_date        (SdbBadge       *self);
void           sdb_badge_set_date        (SdbBadge       *self,
                                          const SdbDate  *date);

gboolean       sdb_badge_validate        (SdbDatabase    *db,
                                          SdbBadge       *badge,
                                          GPtrArray      *problems,
                                          GError        **error);
gboolean       sdb_badge_insert          (SdbDatabase    *db,
                                          SdbBadge       *badge,
                                          GPtrArray      *problems,
                                          GError        **error);
gboolean       sdb_badge_update          (SdbDatabase    *db,
                                          SdbBadge       *badge,
                                          GPtrArray      *problems,
                                          GError        **error);
gboolean       sdb_badge_delete          (SdbDatabase    *db,
                                          gint64          id,
                                          GError        **error);
SdbBadge      *sdb_badge_lookup          (SdbDatabase    *db,
                                          gint64          id,
                                          GError        **error);
GListModel    *sdb_badge_list            (SdbDatabase    *db,
                                          int             year,
                                          gint64          member_id,
                                          GError        **error);
GListModel    *sdb_badge_list_eligible   (SdbDatabase    *db,
                                          const SdbDate  *round,
                                          GError        **error);

G_END_DECLS
