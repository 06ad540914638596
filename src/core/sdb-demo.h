/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-demo: an invented committee with years of history, for trying the program, training
 * clerks and measuring it at province scale. Every row follows the rules a clerk's own records
 * must follow, and the same options always give the same rows, on any machine and any day. */
#pragma once

#include <gio/gio.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

#define SDB_DEMO_MEMBERS_MAX 1000000
#define SDB_DEMO_YEAR_MIN    1950
#define SDB_DEMO_YEAR_MAX    2100

typedef struct
{
  /* How many member records to make: those in the committee before @first_year plus everyone
   * admitted or transferred in during the years. */
  guint   members;
  int     first_year;
  int     last_year;
  guint32 seed;
} SdbDemoOptions;

void     sdb_demo_options_init (SdbDemoOptions        *options);
gboolean sdb_demo_generate     (SdbDatabase           *db,
                                const SdbDemoOptions  *options,
                                GError               **error);

G_END_DECLS
