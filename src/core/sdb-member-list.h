/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-member-list: the members of the committee as a GListModel that scales to a province
 * (200.000 members): it holds only their ids, in name order, and reads a member from the
 * database when a view asks for that item, keeping a few hundred of the latest ones. */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-member.h"

G_BEGIN_DECLS

typedef struct
{
  /* 0: any; otherwise only the members whose present cell is exactly this organization. */
  gint64      organization_id;
  /* NULL or empty: everyone; otherwise part of the full name, case, diacritics and tone
   * placement ignored ("nguyen van hoa" finds "Nguyễn Văn Hoà"), or the exact code. */
  const char *search;
  /* FALSE: only the members in the committee now; TRUE: also those who left it. */
  gboolean    include_former;
} SdbMemberFilter;

void            sdb_member_filter_init        (SdbMemberFilter        *filter);

#define SDB_TYPE_MEMBER_LIST (sdb_member_list_get_type ())
G_DECLARE_FINAL_TYPE (SdbMemberList, sdb_member_list, SDB, MEMBER_LIST, GObject)

SdbMemberList  *sdb_member_list_new           (SdbDatabase            *db,
                                               const SdbMemberFilter  *filter,
                                               GError                **error);
gboolean        sdb_member_list_reload        (SdbMemberList          *self,
                                               GError                **error);
gboolean        sdb_member_list_set_filter    (SdbMemberList          *self,
                                               const SdbMemberFilter  *filter,
                                               GError                **error);
guint           sdb_member_list_find          (SdbMemberList          *self,
                                               gint64                  member_id);
gint64          sdb_member_list_get_member_id (SdbMemberList          *self,
                                               guint                   position);
guint           sdb_member_list_get_n_cached  (SdbMemberList          *self);

G_END_DECLS
