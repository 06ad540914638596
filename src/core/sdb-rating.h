/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-rating: the yearly rating ("đánh giá, xếp loại chất lượng") of a party organization or a
 * member: one per subject and year, either a grade or "not rated" with a reason, and an
 * optional score on the 100-point scale. A rating is identified by its subject and year, so it
 * has no id of its own. */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

#define SDB_TYPE_RATING (sdb_rating_get_type ())
G_DECLARE_FINAL_TYPE (SdbRating, sdb_rating, SDB, RATING, GObject)

/* Which ratings sdb_rating_list () returns. A zeroed filter is every organization rating. */
typedef struct
{
  gboolean members;     /* TRUE: member ratings; FALSE: organization ratings */
  int      year;        /* 0 for every year */
  gint64   subject_id;  /* the organization or member; 0 for all */
} SdbRatingFilter;

/* The score of a rating that has none. */
#define SDB_RATING_NO_SCORE (-1)

SdbRating         *sdb_rating_new_for_organization (gint64                  organization_id,
                                                    int                     year);
SdbRating         *sdb_rating_new_for_member       (gint64                  member_id,
                                                    int                     year);
SdbRating         *sdb_rating_copy                 (SdbRating              *self);

gboolean           sdb_rating_is_member            (SdbRating              *self);
gint64             sdb_rating_get_organization_id  (SdbRating              *self);
void               sdb_rating_set_organization_id  (SdbRating              *self,
                                                    gint64                  organization_id);
gint64             sdb_rating_get_member_id        (SdbRating              *self);
void               sdb_rating_set_member_id        (SdbRating              *self,
                                                    gint64                  member_id);
int                sdb_rating_get_year             (SdbRating              *self);
void               sdb_rating_set_year             (SdbRating              *self,
                                                    int                     year);
gboolean           sdb_rating_get_rated            (SdbRating              *self);
void               sdb_rating_set_rated            (SdbRating              *self,
                                                    gboolean                rated);
gboolean           sdb_rating_has_grade            (SdbRating              *self);
SdbGrade           sdb_rating_get_grade            (SdbRating              *self);
void               sdb_rating_set_grade            (SdbRating              *self,
                                                    SdbGrade                grade);
gboolean           sdb_rating_has_not_rated_reason (SdbRating              *self);
SdbNotRatedReason  sdb_rating_get_not_rated_reason (SdbRating              *self);
void               sdb_rating_set_not_rated_reason (SdbRating              *self,
                                                    SdbNotRatedReason       reason);
int                sdb_rating_get_score            (SdbRating              *self);
void               sdb_rating_set_score            (SdbRating              *self,
                                                    int                     score);
const char        *sdb_rating_get_notes            (SdbRating              *self);
void               sdb_rating_set_notes            (SdbRating              *self,
                                                    const char             *notes);

gboolean           sdb_rating_validate             (SdbDatabase            *db,
                                                    SdbRating              *rating,
                                                    GPtrArray              *problems,
                                                    GError                **error);
gboolean           sdb_rating_save                 (SdbDatabase            *db,
                                                    SdbRating              *rating,
                                                    GPtrArray              *problems,
                                                    GError                **error);
gboolean           sdb_rating_insert               (SdbDatabase            *db,
                                                    SdbRating              *rating,
                                                    GPtrArray              *problems,
                                                    GError                **error);
gboolean           sdb_rating_update               (SdbDatabase            *db,
                                                    SdbRating              *rating,
                                                    GPtrArray              *problems,
                                                    GError                **error);
gboolean           sdb_rating_delete               (SdbDatabase            *db,
                                                    SdbRating              *rating,
                                                    GError                **error);
SdbRating         *sdb_rating_lookup_organization  (SdbDatabase            *db,
                                                    gint64                  organization_id,
                                                    int                     year,
                                                    GError                **error);
SdbRating         *sdb_rating_lookup_member        (SdbDatabase            *db,
                                                    gint64                  member_id,
                                                    int                     year,
                                                    GError                **error);
gboolean           sdb_rating_check_excellent_share (SdbDatabase       *db,
                                                     int                year,
                                                     gboolean           members,
                                                     GPtrArray         *problems,
                                                     GError           **error);
GListModel        *sdb_rating_list                 (SdbDatabase            *db,
                                                    const SdbRatingFilter  *filter,
                                                    GError                **error);

G_END_DECLS
