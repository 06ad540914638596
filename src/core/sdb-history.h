/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-history: who changed what, and when. Every insert, update and delete of a record writes one
 * entry in the same transaction as the change (SQLite triggers call into this file), and the
 * entries form a hash chain whose newest link is also kept in the meta table, so that `check`
 * sees an entry edited, inserted or removed. The program offers no way to edit or delete an
 * entry; the schema refuses it too. */
#pragma once

#include "sdb-database.h"
#include "sdb-problem.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;           /* its place in the chain, from 1 */
  gint64  txn;          /* one per transaction: a save, an import, an undo */
  gint64  import_id;    /* the import's number (its txn), or 0 */
  char   *time;         /* UTC, "2026-11-22T18:30:05Z" */
  char   *user;         /* the system user */
  char   *op;           /* insert, update, delete, or a note: start, import, demo, restore, undo */
  char   *table;        /* the row's table; "" for a note */
  char   *row_key;      /* the row's primary key: "17", or "17/2024" for a rating */
  char   *record_kind;  /* organization, member, meeting, award, target, profile, term, sector */
  gint64  record_id;    /* the record the row belongs to (a member event → its member), or 0 */
  char   *record_key;   /* that record's code when the change was made */
  char   *changes;      /* JSON: see sdb-history-format.h */
  char   *hash;
} SdbHistoryEntry;

void sdb_history_entry_free (SdbHistoryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdbHistoryEntry, sdb_history_entry_free)

typedef struct
{
  const char *record_kind;  /* with record_key: one record ("member", "DV0001"), or NULL */
  const char *record_key;
  const char *since;        /* ISO date: entries made on or after it (local time), or NULL */
  gint64      import_id;    /* one import's entries, or 0 */
  gint64      txn;          /* one change's entries, or 0 */
  guint       limit;        /* at most this many, newest first; 0 = all */
} SdbHistoryFilter;

GPtrArray *sdb_history_list        (SdbDatabase             *db,
                                    const SdbHistoryFilter  *filter,
                                    GError                 **error);
gint64     sdb_history_count       (SdbDatabase             *db,
                                    GError                 **error);
gint64     sdb_history_get_last_txn (SdbDatabase            *db,
                                     GError                **error);
gboolean   sdb_history_undo        (SdbDatabase             *db,
                                    gint64                   txn,
                                    guint                   *n_restored,
                                    GError                 **error);

/* Reports to @func, as sdb-check does, every sign that the history was tampered with: an entry
 * edited, inserted or removed (also the newest ones), its triggers dropped or changed. */
typedef void (*SdbHistoryProblemFunc) (const char       *where,
                                       const SdbProblem *problem,
                                       gpointer          user_data);
gboolean   sdb_history_verify      (SdbDatabase             *db,
                                    SdbHistoryProblemFunc    func,
                                    gpointer                 user_data,
                                    GError                 **error);

/* The name of the file the next import reads, for its history entry ("members.csv"). */
void       sdb_history_set_import_source (SdbDatabase   *db,
                                          const char    *source);

G_END_DECLS
