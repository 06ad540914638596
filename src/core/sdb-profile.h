/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-profile: who the committee is. Its name, committee name, level and document symbol are
 * dated: each SdbProfile applies from its "since" date until the next one, so a report for a
 * past year uses the name the committee had then (a district committee before 1/7/2025, a
 * commune committee after). */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

#define SDB_TYPE_PROFILE (sdb_profile_get_type ())
G_DECLARE_FINAL_TYPE (SdbProfile, sdb_profile, SDB, PROFILE, GObject)

SdbProfile    *sdb_profile_new                (void);
SdbProfile    *sdb_profile_copy               (SdbProfile     *self);

gint64         sdb_profile_get_id             (SdbProfile     *self);
const SdbDate *sdb_profile_get_since          (SdbProfile     *self);
void           sdb_profile_set_since          (SdbProfile     *self,
                                               const SdbDate  *since);
const char    *sdb_profile_get_name           (SdbProfile     *self);
void           sdb_profile_set_name           (SdbProfile     *self,
                                               const char     *name);
const char    *sdb_profile_get_committee_name (SdbProfile     *self);
void           sdb_profile_set_committee_name (SdbProfile     *self,
                                               const char     *committee_name);
SdbLevel       sdb_profile_get_level          (SdbProfile     *self);
void           sdb_profile_set_level          (SdbProfile     *self,
                                               SdbLevel        level);
const char    *sdb_profile_get_symbol         (SdbProfile     *self);
void           sdb_profile_set_symbol         (SdbProfile     *self,
                                               const char     *symbol);

gboolean       sdb_profile_validate           (SdbDatabase    *db,
                                               SdbProfile     *profile,
                                               GPtrArray      *problems,
                                               GError        **error);
gboolean       sdb_profile_insert             (SdbDatabase    *db,
                                               SdbProfile     *profile,
                                               GPtrArray      *problems,
                                               GError        **error);
gboolean       sdb_profile_update             (SdbDatabase    *db,
                                               SdbProfile     *profile,
                                               GPtrArray      *problems,
                                               GError        **error);
gboolean       sdb_profile_delete             (SdbDatabase    *db,
                                               gint64          id,
                                               GError        **error);
SdbProfile    *sdb_profile_lookup             (SdbDatabase    *db,
                                               gint64          id,
                                               GError        **error);
SdbProfile    *sdb_profile_lookup_for_date    (SdbDatabase    *db,
                                               const SdbDate  *date,
                                               GError        **error);
SdbProfile    *sdb_profile_lookup_for_year    (SdbDatabase    *db,
                                               int             year,
                                               GError        **error);
GListModel    *sdb_profile_list               (SdbDatabase    *db,
                                               GError        **error);

G_END_DECLS
