/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-backup: a copy of the whole database while it is in use, and putting a copy back. Both go
 * through SQLite's online backup, so a copy is always one consistent state of the records, never
 * a file caught halfway through a write, and a restore never leaves a half-replaced database. */
#pragma once

#include "sdb-database.h"

G_BEGIN_DECLS

gboolean sdb_database_backup  (SdbDatabase  *db,
                               const char   *destination,
                               GError      **error);
gboolean sdb_database_restore (SdbDatabase  *db,
                               const char   *source,
                               char        **saved_copy,
                               GError      **error);

G_END_DECLS
