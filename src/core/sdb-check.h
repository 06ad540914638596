/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-check: the whole database against SQLite's own checks and every rule of validation. */
#pragma once

#include "sdb-database.h"
#include "sdb-problem.h"

G_BEGIN_DECLS

/* Called once per problem found; @where names the record, e.g. "đảng viên DV0012". */
typedef void (*SdbCheckFunc) (const char       *where,
                              const SdbProblem *problem,
                              gpointer          user_data);

gboolean sdb_check_run (SdbDatabase   *db,
                        SdbCheckFunc   func,
                        gpointer       user_data,
                        guint         *n_errors,
                        guint         *n_warnings,
                        GError       **error);

G_END_DECLS
