/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-history-format: how an entry of the change history (sdb-history.h) reads for a clerk. An
 * entry is stored as codes (a table, its columns, ISO dates, enum codes, ids, JSON); these
 * functions turn each into the words of DOMAIN.md, through gettext, and the numbers and dates
 * into the Vietnamese forms of sdb-vn.h, whatever the process locale. */
#pragma once

#include <glib.h>

#include "sdb-database.h"

G_BEGIN_DECLS

const char *sdb_history_record_kind_label  (const char  *record_kind);
const char *sdb_history_table_label        (const char  *table);
const char *sdb_history_column_label       (const char  *table,
                                            const char  *column);
char       *sdb_history_format_value       (SdbDatabase *db,
                                            const char  *table,
                                            const char  *column,
                                            const char  *value);
char       *sdb_history_format_changes     (SdbDatabase *db,
                                            const char  *op,
                                            const char  *table,
                                            const char  *changes);
char       *sdb_history_format_heading     (const char  *time,
                                            const char  *user,
                                            const char  *op,
                                            const char  *record_kind,
                                            const char  *record_key,
                                            const char  *table,
                                            const char  *row_key);

G_END_DECLS
