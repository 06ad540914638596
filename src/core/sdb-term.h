/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-term: the committee's terms ("nhiệm kỳ", e.g. 2020–2025). Consecutive terms share their
 * boundary year; for that year the term that starts in it applies, so a year belongs to exactly
 * one term. Term figures ("từ đầu nhiệm kỳ đến nay") count from the term's first year. */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

#define SDB_TYPE_TERM (sdb_term_get_type ())
G_DECLARE_FINAL_TYPE (SdbTerm, sdb_term, SDB, TERM, GObject)

SdbTerm    *sdb_term_new               (int             first_year,
                                        int             last_year);
SdbTerm    *sdb_term_copy              (SdbTerm        *self);

gint64      sdb_term_get_id            (SdbTerm        *self);
int         sdb_term_get_first_year    (SdbTerm        *self);
void        sdb_term_set_first_year    (SdbTerm        *self,
                                        int             first_year);
int         sdb_term_get_last_year     (SdbTerm        *self);
void        sdb_term_set_last_year     (SdbTerm        *self,
                                        int             last_year);
char       *sdb_term_dup_label         (SdbTerm        *self);

gboolean    sdb_term_validate          (SdbDatabase    *db,
                                        SdbTerm        *term,
                                        GPtrArray      *problems,
                                        GError        **error);
gboolean    sdb_term_insert            (SdbDatabase    *db,
                                        SdbTerm        *term,
                                        GPtrArray      *problems,
                                        GError        **error);
gboolean    sdb_term_update            (SdbDatabase    *db,
                                        SdbTerm        *term,
                                        GPtrArray      *problems,
                                        GError        **error);
gboolean    sdb_term_delete            (SdbDatabase    *db,
                                        gint64          id,
                                        GError        **error);
SdbTerm    *sdb_term_lookup            (SdbDatabase    *db,
                                        gint64          id,
                                        GError        **error);
SdbTerm    *sdb_term_lookup_for_year   (SdbDatabase    *db,
                                        int             year,
                                        GError        **error);
GListModel *sdb_term_list              (SdbDatabase    *db,
                                        GError        **error);

G_END_DECLS
