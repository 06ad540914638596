/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The change history. SQLite triggers on every record table call sdb_history_row () with the
 * row's columns; it writes one entry (only the changed columns of an update, nothing for an
 * update that changed nothing) chained by SHA-256 to the one before, in the transaction of the
 * change itself. Because the triggers are in the database, no write can go around them: a
 * form, an import, the check's repairs (there are none) and a future module all leave entries,
 * and a connection without our functions (the sqlite3 shell) cannot write records at all. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sdb-backup.h"
#include "sdb-compat-sha256.h"
#include "sdb-database-private.h"
#include "sdb-history-private.h"
#include "sdb-history.h"

/* What a row of each table belongs to. In the expressions "$" stands for NEW or OLD. */
typedef struct
{
  const char *table;
  const char *record_kind;
  const char *record_id;    /* SQL: the owning record's id */
  const char *record_key;   /* SQL: the owning record's code */
  const char *row_key;      /* SQL: the row's primary key as text */
  const char *key_columns;  /* the primary key's columns, comma-separated */
  const char *remember;     /* SQL for a parent's key, remembered before its children go */
} HistoryTable;

#define ORGANIZATION_KEY(id) \
  "coalesce ((SELECT code FROM organization WHERE id = " id "), " \
  "sdb_history_key ('organization', " id "))"
#define MEMBER_KEY(id) \
  "coalesce ((SELECT code FROM member WHERE id = " id "), sdb_history_key ('member', " id "))"
#define MEETING_REFERENCE(prefix) \
  "ltrim (CASE WHEN " prefix "number <> '' AND " prefix "symbol <> '' " \
  "THEN " prefix "number || '-' || " prefix "symbol ELSE " prefix "number || " prefix "symbol END " \
  "|| ' ' || substr (" prefix "date, 1, 4))"
#define MEETING_KEY(id) \
  "coalesce ((SELECT " MEETING_REFERENCE ("") " FROM meeting WHERE id = " id "), " \
  "sdb_history_key ('meeting', " id "))"

/* In the order a restore must insert them: parents first. */
static const HistoryTable tables[] = {
  { "profile", "profile", "$.id", "$.since", "$.id", "id", NULL },
  { "term", "term", "$.id", "$.first_year || '-' || $.last_year", "$.id", "id", NULL },
  { "sector", "sector", "$.id", "$.name", "$.id", "id", NULL },
  { "organization", "organization", "$.id", "$.code", "$.id", "id", "$.code" },
  { "organization_event", "organization", "$.organization_id",
    ORGANIZATION_KEY ("$.organization_id"), "$.id", "id", NULL },
  { "member", "member", "$.id", "$.code", "$.id", "id", "$.code" },
  { "member_event", "member", "$.member_id", MEMBER_KEY ("$.member_id"), "$.id", "id", NULL },
  { "member_exemption", "member", "$.member_id", MEMBER_KEY ("$.member_id"), "$.id", "id",
    NULL },
  { "admission_target", "target", "$.id",
    "$.first_year || '-' || $.last_year || coalesce (' ' || (SELECT code FROM organization "
    "WHERE id = $.organization_id), '')", "$.id", "id", NULL },
  { "organization_rating", "organization", "$.organization_id",
    ORGANIZATION_KEY ("$.organization_id"), "$.organization_id || '/' || $.year",
    "organization_id,year", NULL },
  { "member_rating", "member", "$.member_id", MEMBER_KEY ("$.member_id"),
    "$.member_id || '/' || $.year", "member_id,year", NULL },
  { "meeting", "meeting", "$.id", MEETING_REFERENCE ("$."), "$.id", "id",
    MEETING_REFERENCE ("$.") },
  { "meeting_attendee", "meeting", "$.meeting_id", MEETING_KEY ("$.meeting_id"), "$.id", "id",
    NULL },
  { "meeting_document", "meeting", "$.meeting_id", MEETING_KEY ("$.meeting_id"), "$.id", "id",
    NULL },
  { "award", "award", "$.id", "$.year || ' ' || $.form", "$.id", "id", NULL },
  { "badge", "member", "$.member_id", MEMBER_KEY ("$.member_id"), "$.id", "id", NULL },
};

/* Made from other columns, so neither kept nor compared: the sort and search keys. */
static gboolean
is_derived_column (const char *column)
{
  return g_str_equal (column, "name_key") || g_str_equal (column, "search_key");
}

/* The table whose rows are the records of @record_kind themselves. */
static const char *
owner_table (const char *record_kind)
{
  if (g_str_equal (record_kind, "target"))
    return "admission_target";
  return record_kind;
}

static const HistoryTable *
find_table (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].table, table) == 0)
      return &tables[i];
  return NULL;
}

/* The connection's state, kept on the SdbDatabase. */
typedef struct
{
  SdbDatabase *db;        /* not a reference: the state lives as long as the database */
  gboolean     disabled;
  gint64       txn;       /* the open transaction's number, 0 until its first entry */
  char        *time;      /* the open transaction's time */
  gboolean     importing;
  char        *import_kind;
  char        *import_source;
  GHashTable  *remembered;  /* "kind:id" -> key of parents being deleted */
  /* Inside sdb_database_begin () … commit (): the transaction's entries, written in batches in
   * the transaction itself and before its COMMIT (sdb_history_flush ()), so that each row's
   * write inside its savepoints only appends to this array. A row inserted and then updated in
   * the same transaction is one entry, its insert, with the row as it ends up: @inserts finds
   * the pending insert of a row ("table\037row key" -> index + 1), and @merges keeps what an
   * entry said before an update was merged into it. marks[d] is where both stood when
   * savepoint d began: a savepoint rolled back drops what was added since and takes back the
   * merges made since. */
  GPtrArray   *pending;
  GHashTable  *inserts;
  GArray      *merges;
  GString     *json;      /* where sdb_history_row () writes an entry's changes */
  GArray      *marks;
  guint        import_mark;
  /* Entries already written in this transaction, and the newest one's id and hash (when
   * @have_last): a transaction reads the chain's end once. */
  gint64       immediate_txn;
  guint        written;
  gboolean     failed;    /* a flush failed: the transaction must not be committed */
  SdbStmt     *insert[2]; /* of one entry and of INSERT_ROWS, the connection's */
  gboolean     have_last;
  gint64       last_id;
  char        *last_hash;
} HistoryState;

/* Where the pending entries stood when a savepoint began. */
typedef struct
{
  guint pending;
  guint merges;
} Mark;

/* A pending insert as it was before an update or a row of the same record was merged into it:
 * its changes and record key (NULL when they stayed) and the length of its rows. */
typedef struct
{
  guint  index;
  char  *changes;
  char  *record_key;
  gsize  rows_len;
} Merge;

static void
merge_clear (Merge *merge)
{
  g_free (merge->changes);
  g_free (merge->record_key);
}

static GQuark
state_quark (void)
{
  return g_quark_from_static_string ("sdb-history-state");
}

static void
state_free (HistoryState *s)
{
  g_free (s->time);
  g_free (s->last_hash);
  g_free (s->import_kind);
  g_free (s->import_source);
  g_clear_pointer (&s->remembered, g_hash_table_unref);
  g_clear_pointer (&s->pending, g_ptr_array_unref);
  g_clear_pointer (&s->inserts, g_hash_table_unref);
  g_clear_pointer (&s->merges, g_array_unref);
  g_clear_pointer (&s->marks, g_array_unref);
  if (s->json != NULL)
    g_string_free (s->json, TRUE);
  g_free (s);
}

static HistoryState *
get_state (SdbDatabase *db)
{
  return g_object_get_qdata (G_OBJECT (db), state_quark ());
}

/* The pending entries were written or dropped. */
static void
forget_pending (HistoryState *s)
{
  g_ptr_array_set_size (s->pending, 0);
  g_hash_table_remove_all (s->inserts);
  g_array_set_size (s->merges, 0);
}

/* A transaction ended: the next entry starts a new one. */
static void
end_transaction (HistoryState *s)
{
  s->txn = 0;
  s->written = 0;
  s->failed = FALSE;
  s->have_last = FALSE;
  g_clear_pointer (&s->last_hash, g_free);
  g_clear_pointer (&s->time, g_free);
  g_hash_table_remove_all (s->remembered);
  /* An import that failed ends here too. */
  s->importing = FALSE;
  forget_pending (s);
}

static int
commit_hook (void *data)
{
  ((HistoryState *) data)->immediate_txn = 0;
  return 0;
}

static void
rollback_hook (void *data)
{
  ((HistoryState *) data)->immediate_txn = 0;
}

/* JSON ------------------------------------------------------------------------------------- */

/* The bytes a JSON string cannot hold as they are: controls, the quote and the backslash. */
static const guint8 needs_escape[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ['"'] = 1, ['\\'] = 1,
};

static void
append_json_string (GString    *out,
                    const char *text,
                    gssize      length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;

  g_string_append_c (out, '"');
  for (const char *p = text; p < end; p++)
    {
      const char *plain = p;
      guchar c;

      /* Most text needs no escape: it is copied a run at a time. */
      while (p < end && !needs_escape[(guchar) *p])
        p++;
      if (p > plain)
        g_string_append_len (out, plain, p - plain);
      if (p == end)
        break;
      c = (guchar) *p;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_printf (out, "\\u%04x", c);
    }
  g_string_append_c (out, '"');
}

char *
sdb_history_json_string (const char *text)
{
  GString *out = g_string_new (NULL);

  append_json_string (out, text != NULL ? text : "", -1);
  return g_string_free (out, FALSE);
}

/* @n in decimal, without printf: every id and year of every entry goes through here. */
static void
append_integer (GString *out,
                gint64   n)
{
  char digits[24];
  guint64 u = n < 0 ? -(guint64) n : (guint64) n;
  int i = sizeof digits;

  do
    {
      digits[--i] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u != 0);
  if (n < 0)
    digits[--i] = '-';
  g_string_append_len (out, digits + i, sizeof digits - i);
}

static void
append_json_value (GString       *out,
                   sqlite3_value *value)
{
  switch (sqlite3_value_type (value))
    {
    case SQLITE_INTEGER:
      append_integer (out, sqlite3_value_int64 (value));
      break;
    case SQLITE_FLOAT:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer,
                                              sqlite3_value_double (value)));
      }
      break;
    case SQLITE_TEXT:
      append_json_string (out, (const char *) sqlite3_value_text (value),
                          sqlite3_value_bytes (value));
      break;
    case SQLITE_BLOB:
      {
        /* No record column holds bytes but the derived keys, which are never kept. */
        const guchar *bytes = sqlite3_value_blob (value);
        int n = sqlite3_value_bytes (value);

        g_string_append_c (out, '"');
        for (int i = 0; i < n; i++)
          g_string_append_printf (out, "%02x", bytes[i]);
        g_string_append_c (out, '"');
      }
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

static gboolean
values_equal (sqlite3_value *a,
              sqlite3_value *b)
{
  int type = sqlite3_value_type (a);

  if (type != sqlite3_value_type (b))
    return FALSE;
  switch (type)
    {
    case SQLITE_NULL:
      return TRUE;
    case SQLITE_INTEGER:
      return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
    case SQLITE_FLOAT:
      return sqlite3_value_double (a) == sqlite3_value_double (b);
    default:
      {
        int n = sqlite3_value_bytes (a);
        const void *pa = type == SQLITE_TEXT ? (const void *) sqlite3_value_text (a)
                                             : sqlite3_value_blob (a);
        const void *pb = type == SQLITE_TEXT ? (const void *) sqlite3_value_text (b)
                                             : sqlite3_value_blob (b);

        return n == sqlite3_value_bytes (b) && (n == 0 || memcmp (pa, pb, (size_t) n) == 0);
      }
    }
}

/* The chain ------------------------------------------------------------------------------- */

/* Each field with its length first, so that no two different entries read the same. */
static void
add_field (GString    *buffer,
           const char *text)
{
  gsize length = text != NULL ? strlen (text) : 0;
  char digits[24];
  guint n = 0;

  /* The length in decimal, then a colon: written by hand, as this runs for every field of
   * every entry. */
  do
    digits[n++] = (char) ('0' + length % 10);
  while ((length /= 10) > 0 && n < sizeof digits);
  while (n > 0)
    g_string_append_c (buffer, digits[--n]);
  g_string_append_c (buffer, ':');
  length = text != NULL ? strlen (text) : 0;
  if (length > 0)
    g_string_append_len (buffer, text, (gssize) length);
}

static void
add_number (GString *buffer,
            gint64   number)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, number);
  add_field (buffer, text);
}

/* The SHA-256 of the entry before and of every field of @e, in hexadecimal. @buffer is reused
 * from one entry to the next. */
/* What an entry's hash covers: the hash before it and its own fields. */
static void
hash_input (GString               *buffer,
            const char            *previous,
            const SdbHistoryEntry *e)
{
  g_string_truncate (buffer, 0);
  add_field (buffer, previous);
  add_number (buffer, e->id);
  add_number (buffer, e->txn);
  add_number (buffer, e->import_id);
  add_field (buffer, e->time);
  add_field (buffer, e->user);
  add_field (buffer, e->op);
  add_field (buffer, e->table);
  add_field (buffer, e->row_key);
  add_field (buffer, e->record_kind);
  add_number (buffer, e->record_id);
  add_field (buffer, e->record_key);
  add_field (buffer, e->changes);
}

/* The SHA-256 of @length bytes at @data in lower-case hexadecimal, as GChecksum writes it. */
static char *
sha256_hex (const char *data,
            gsize       length)
{
  static const char digits[] = "0123456789abcdef";
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *text = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_init (&ctx);
  sha256_update (&ctx, length, (const guint8 *) data);
  sdb_compat_sha256_digest (&ctx, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      text[2 * i] = digits[digest[i] >> 4];
      text[2 * i + 1] = digits[digest[i] & 0xf];
    }
  text[2 * SHA256_DIGEST_SIZE] = '\0';
  return text;
}

static char *
entry_hash_with (GString               *buffer,
                 const char            *previous,
                 const SdbHistoryEntry *e)
{
  hash_input (buffer, previous, e);
  return sha256_hex (buffer->str, buffer->len);
}

static char *
entry_hash (const char            *previous,
            const SdbHistoryEntry *e)
{
  g_autoptr(GString) buffer = g_string_sized_new (512);

  return entry_hash_with (buffer, previous, e);
}

void
sdb_history_entry_free (SdbHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->user);
  g_free (entry->op);
  g_free (entry->table);
  g_free (entry->row_key);
  g_free (entry->record_kind);
  g_free (entry->record_key);
  g_free (entry->changes);
  g_free (entry->hash);
  g_free (entry);
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Appends @e (its id, txn, time, user and hash are filled in here) after the newest entry. */
static gboolean
append_entry (HistoryState     *s,
              SdbHistoryEntry  *e,
              GError          **error)
{
  g_autoptr(SdbStmt) last = NULL;
  g_autoptr(SdbStmt) insert = NULL;
  g_autoptr(SdbStmt) head = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *head_value = NULL;
  int rc;

  last = sdb_database_prepare (s->db, "SELECT id, hash FROM history ORDER BY id DESC LIMIT 1",
                               error);
  if (last == NULL || (rc = sdb_database_step (s->db, last, error)) == 0)
    return FALSE;
  e->id = 1;
  if (rc == SQLITE_ROW)
    {
      e->id = sdb_stmt_get_int (last, 0) + 1;
      previous = sdb_stmt_dup_text (last, 1);
    }
  /* Outside sdb_database_begin () (a migration's note, a statement run on its own), the
   * entries of one statement are one change, numbered by the first; SQLite's commit and
   * rollback hooks end it. */
  if (s->immediate_txn == 0)
    s->immediate_txn = e->id;
  e->txn = s->immediate_txn;
  e->time = now_utc ();
  e->user = g_strdup (g_get_user_name ());
  e->hash = entry_hash (previous, e);

  insert = sdb_database_prepare (s->db,
                                 "INSERT INTO history (id, txn, import_id, time, user, op, tbl,"
                                 " row_key, record_kind, record_id, record_key, changes, hash)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                                 error);
  if (insert == NULL)
    return FALSE;
  sdb_stmt_bind_int (insert, 1, e->id);
  sdb_stmt_bind_int (insert, 2, e->txn);
  sdb_stmt_bind_id (insert, 3, e->import_id);
  sdb_stmt_bind_text (insert, 4, e->time);
  sdb_stmt_bind_text (insert, 5, e->user);
  sdb_stmt_bind_text (insert, 6, e->op);
  sdb_stmt_bind_text (insert, 7, e->table);
  sdb_stmt_bind_text (insert, 8, e->row_key);
  sdb_stmt_bind_text (insert, 9, e->record_kind);
  sdb_stmt_bind_id (insert, 10, e->record_id);
  sdb_stmt_bind_text (insert, 11, e->record_key);
  sdb_stmt_bind_text (insert, 12, e->changes);
  sdb_stmt_bind_text (insert, 13, e->hash);
  if (!sdb_database_step_done (s->db, insert, error))
    return FALSE;

  /* The newest link, kept outside the history table: removing the newest entries shows. */
  head_value = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", e->id, e->hash);
  head = sdb_database_prepare (s->db,
                               "INSERT INTO meta (key, value) VALUES ('history_head', ?1)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (head == NULL)
    return FALSE;
  sdb_stmt_bind_text (head, 1, head_value);
  return sdb_database_step_done (s->db, head, error);
}

/* A pending entry borrows its op, table and record kind (interned strings), time and user (the
 * transaction's, which outlive it): a large import makes hundreds of thousands of them. The
 * insert of a record's own row also gathers the rows inserted for that record in the same
 * change (a member's events), each as ["table","row key",{changes}]: one entry per record. */
typedef struct
{
  SdbHistoryEntry  e;
  GString         *rows;
} PendingEntry;

static void
pending_entry_free (PendingEntry *p)
{
  g_free (p->e.row_key);
  g_free (p->e.record_key);
  g_free (p->e.changes);
  g_free (p->e.hash);
  if (p->rows != NULL)
    g_string_free (p->rows, TRUE);
  g_free (p);
}

#define ROWS_KEY "\"@rows\":["

/* Keeps an entry for the flush (sdb_history_flush ()), which gives its place, number and hash.
 * Takes @row_key, @record_key and @changes. An entry of an import carries import_id -1 until
 * then. */
static void
add_pending (HistoryState *s,
             const char   *op,
             const char   *table,
             const char   *record_kind,
             gint64        record_id,
             char         *row_key,
             char         *record_key,
             char         *changes)
{
  PendingEntry *p = g_new0 (PendingEntry, 1);
  SdbHistoryEntry *e = &p->e;

  if (s->time == NULL)
    s->time = now_utc ();
  e->time = s->time;
  e->user = (char *) g_get_user_name ();
  e->op = (char *) g_intern_string (op);
  e->table = (char *) g_intern_string (table);
  e->record_kind = (char *) g_intern_string (record_kind);
  e->record_id = record_id;
  e->row_key = row_key;
  e->record_key = record_key;
  e->changes = changes;
  if (s->importing)
    e->import_id = -1;
  if (g_str_equal (op, "insert"))
    g_hash_table_insert (s->inserts, g_strconcat (table, "\037", row_key, NULL),
                         GUINT_TO_POINTER (s->pending->len + 1));
  g_ptr_array_add (s->pending, p);
}

/* The index of the pending insert of @table's row @row_key in this transaction, or -1. */
static int
find_pending_insert (HistoryState *s,
                     const char   *table,
                     const char   *row_key)
{
  gsize table_len = strlen (table), row_key_len = strlen (row_key);
  char buffer[128];
  g_autofree char *allocated = NULL;
  char *key = buffer;
  guint index;
  SdbHistoryEntry *e;

  /* "table\037row key", on the stack: this runs for every row a write touches. */
  if (table_len + row_key_len + 2 > sizeof buffer)
    key = allocated = g_malloc (table_len + row_key_len + 2);
  memcpy (key, table, table_len);
  key[table_len] = '\037';
  memcpy (key + table_len + 1, row_key, row_key_len + 1);
  index = GPOINTER_TO_UINT (g_hash_table_lookup (s->inserts, key));

  /* A savepoint rolled back may have dropped it, and another entry taken its place. */
  if (index == 0 || index > s->pending->len)
    return -1;
  e = g_ptr_array_index (s->pending, index - 1);
  if (!g_str_equal (e->op, "insert") || !g_str_equal (e->table, table)
      || !g_str_equal (e->row_key, row_key))
    return -1;
  return index - 1;
}

/* The pending insert at @index now records the row as an update left it: @changes and
 * @record_key (taken) replace its own, which a savepoint rolled back gives back. */
static void
merge_into_insert (HistoryState *s,
                   guint         index,
                   char         *changes,
                   char         *record_key)
{
  PendingEntry *p = g_ptr_array_index (s->pending, index);
  Merge merge = { index, p->e.changes, p->e.record_key, p->rows != NULL ? p->rows->len : 0 };

  g_array_append_val (s->merges, merge);
  p->e.changes = changes;
  p->e.record_key = record_key;
}

/* A row of @table joins its record's entry without what the entry already says: its id, which
 * is its key, and the record's id in the column that links it to the record. The beginning of
 * the row's changes that says so, {"id":12,"member_id":3, for a member's event; NULL for a
 * table whose rows are keyed otherwise. */
static char *
implied_prefix (const char *table,
                const char *row_key,
                gint64      record_id)
{
  const HistoryTable *t = find_table (table);
  GString *prefix;

  if (t == NULL || !g_str_equal (t->row_key, "$.id") || !g_str_has_prefix (t->record_id, "$.")
      || strchr (t->record_id, ' ') != NULL)
    return NULL;
  /* Without printf: every event of every imported member comes here. */
  prefix = g_string_sized_new (48);
  g_string_append (prefix, "{\"id\":");
  g_string_append (prefix, row_key);
  g_string_append (prefix, ",\"");
  g_string_append (prefix, t->record_id + 2);
  g_string_append (prefix, "\":");
  append_integer (prefix, record_id);
  return g_string_free (prefix, FALSE);
}

/* A row inserted for the record whose own row's insert is pending at @index (an event of a
 * member admitted in the same change) joins that entry, which a savepoint rolled back takes
 * back. */
static void
add_row_to_insert (HistoryState  *s,
                   guint          index,
                   const char    *table,
                   const char    *row_key,
                   const GString *changes)
{
  PendingEntry *p = g_ptr_array_index (s->pending, index);
  Merge merge = { index, NULL, NULL, 0 };
  g_autofree char *prefix = NULL;
  gsize n;

  if (p->rows == NULL)
    p->rows = g_string_sized_new (512);
  merge.rows_len = p->rows->len;
  g_array_append_val (s->merges, merge);
  if (p->rows->len > 0)
    g_string_append_c (p->rows, ',');
  g_string_append_c (p->rows, '[');
  append_json_string (p->rows, table, -1);
  g_string_append_c (p->rows, ',');
  append_json_string (p->rows, row_key, -1);
  g_string_append_c (p->rows, ',');
  prefix = implied_prefix (table, row_key, p->e.record_id);
  n = prefix != NULL ? strlen (prefix) : 0;
  if (n > 0 && changes->len > n && strncmp (changes->str, prefix, n) == 0
      && (changes->str[n] == ',' || changes->str[n] == '}'))
    {
      /* {"id":12,"member_id":3,"date":…} is kept as {"date":…}. */
      g_string_append_c (p->rows, '{');
      if (changes->str[n] == ',')
        g_string_append_len (p->rows, changes->str + n + 1, changes->len - n - 1);
      else
        g_string_append_c (p->rows, '}');
    }
  else
    g_string_append_len (p->rows, changes->str, changes->len);
  g_string_append_c (p->rows, ']');
}

/* The changes a pending entry is written with: its own, and the rows that joined it. */
static void
close_rows (PendingEntry *p)
{
  GString *all;

  if (p->rows == NULL || p->rows->len == 0)
    return;
  /* {"id":1,…} and rows R become {"id":1,…,"@rows":[R]}. */
  all = g_string_sized_new (strlen (p->e.changes) + p->rows->len + 16);
  g_string_append_len (all, p->e.changes, strlen (p->e.changes) - 1);
  if (all->len > 1)
    g_string_append_c (all, ',');
  g_string_append (all, ROWS_KEY);
  g_string_append_len (all, p->rows->str, p->rows->len);
  g_string_append (all, "]}");
  g_free (p->e.changes);
  p->e.changes = g_string_free (all, FALSE);
  g_string_truncate (p->rows, 0);
}

/* The chain's newest entry, read once per transaction (again after a savepoint rolled back). */
static gboolean
read_last (SdbDatabase   *db,
           HistoryState  *s,
           GError       **error)
{
  g_autoptr(SdbStmt) last = NULL;
  int rc;

  if (s->have_last)
    return TRUE;
  last = sdb_database_prepare (db, "SELECT id, hash FROM history ORDER BY id DESC LIMIT 1",
                               error);
  if (last == NULL || (rc = sdb_database_step (db, last, error)) == 0)
    return FALSE;
  s->last_id = rc == SQLITE_ROW ? sdb_stmt_get_int (last, 0) : 0;
  g_free (s->last_hash);
  s->last_hash = rc == SQLITE_ROW ? sdb_stmt_dup_text (last, 1) : NULL;
  s->have_last = TRUE;
  return TRUE;
}

/* Entries written by one INSERT, and how many wait in memory before the transaction writes
 * them: one statement per entry costs about as much again as the entry itself. */
#define INSERT_ROWS 64
#define FLUSH_AT 256
#define ENTRY_FIELDS 13

/* "INSERT INTO history … VALUES (?, …), …" for @rows entries. */
static char *
insert_sql (guint rows)
{
  GString *sql = g_string_new ("INSERT INTO history (id, txn, import_id, time, user, op, tbl,"
                               " row_key, record_kind, record_id, record_key, changes, hash)"
                               " VALUES ");

  for (guint i = 0; i < rows; i++)
    g_string_append (sql, i == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  return g_string_free (sql, FALSE);
}

/* Binds @e as the @row-th entry of @insert. The entry outlives the step: its text is bound
 * without a copy. */
static void
bind_entry (SdbStmt               *insert,
            guint                  row,
            const SdbHistoryEntry *e)
{
  int first = row * ENTRY_FIELDS;

  sdb_stmt_bind_int (insert, first + 1, e->id);
  sdb_stmt_bind_int (insert, first + 2, e->txn);
  sdb_stmt_bind_id (insert, first + 3, e->import_id);
  sqlite3_bind_text (insert, first + 4, e->time, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, first + 5, e->user, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, first + 6, e->op, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, first + 7, e->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, first + 8, e->row_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, first + 9, e->record_kind, -1, SQLITE_STATIC);
  sdb_stmt_bind_id (insert, first + 10, e->record_id);
  sqlite3_bind_text (insert, first + 11, e->record_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, first + 12, e->changes, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, first + 13, e->hash, -1, SQLITE_STATIC);
}

/* Writes @n pending entries from @first, already numbered and hashed, by one statement. */
static gboolean
insert_entries (HistoryState  *s,
                guint          first,
                guint          n,
                GError       **error)
{
  guint which = n == INSERT_ROWS ? 1 : 0;
  g_autoptr(SdbStmt) insert = NULL;

  g_assert (n == 1 || n == INSERT_ROWS);
  /* Prepared once per connection, which keeps it until it closes. */
  if (s->insert[which] == NULL)
    {
      g_autofree char *sql = insert_sql (n);

      s->insert[which] = sdb_database_prepare (s->db, sql, error);
      if (s->insert[which] == NULL)
        return FALSE;
    }
  insert = s->insert[which];
  for (guint i = 0; i < n; i++)
    bind_entry (insert, i, g_ptr_array_index (s->pending, first + i));
  return sdb_database_step_done (s->db, insert, error);
}

/**
 * sdb_history_flush:
 * @final: whether the COMMIT follows
 *
 * Writes the pending entries, chained after the newest. sdb_database_begin () calls it in the
 * transaction itself, before it opens a savepoint there (so that a large write, such as an
 * import, never holds more than a few thousand entries in memory, and none is written inside a
 * savepoint that may be rolled back); it then writes only when enough are waiting.
 * sdb_database_commit () calls it before the COMMIT, which also keeps the newest link in meta.
 */
gboolean
sdb_history_flush (SdbDatabase  *db,
                   gboolean      final,
                   GError      **error)
{
  HistoryState *s = get_state (db);
  g_autoptr(SdbStmt) head = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autofree char *head_value = NULL;
  char *previous;
  guint done = 0;

  if (s == NULL)
    return TRUE;
  if (s->failed)
    {
      /* Some entries of this transaction may be missing: it must not be committed. */
      g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                           _("The change history could not be written, so nothing was "
                             "saved."));
      return FALSE;
    }
  if (!final && s->pending->len < FLUSH_AT)
    return TRUE;
  if (s->pending->len > 0)
    {
      if (!read_last (db, s, error))
        return FALSE;
      /* A change is numbered by its first entry. */
      if (s->txn == 0)
        s->txn = s->last_id + 1;
      buffer = g_string_sized_new (512);
      previous = s->last_hash;
      for (guint i = 0; i < s->pending->len; i++)
        {
          PendingEntry *p = g_ptr_array_index (s->pending, i);
          SdbHistoryEntry *e = &p->e;

          close_rows (p);
          e->id = s->last_id + 1;
          e->txn = s->txn;
          if (e->import_id < 0)
            e->import_id = s->txn;
          g_free (e->hash);
          e->hash = entry_hash_with (buffer, s->last_hash, e);
          s->last_id = e->id;
          /* The last entry keeps its hash until it is written. */
          s->last_hash = e->hash;
        }
      s->last_hash = g_strdup (s->last_hash);
      g_free (previous);
      while (done < s->pending->len)
        {
          guint n = s->pending->len - done >= INSERT_ROWS ? INSERT_ROWS : 1;

          if (!insert_entries (s, done, n, error))
            {
              s->have_last = FALSE;
              s->failed = TRUE;
              return FALSE;
            }
          done += n;
        }
      s->written += s->pending->len;
      forget_pending (s);
    }
  if (!final || s->written == 0)
    return TRUE;
  /* A savepoint rolled back since may have taken some of them. */
  if (!read_last (db, s, error))
    return FALSE;
  if (s->last_id == 0)
    return TRUE;

  /* The newest link, kept outside the history table: removing the newest entries shows. */
  head_value = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", s->last_id, s->last_hash);
  head = sdb_database_prepare (db,
                               "INSERT INTO meta (key, value) VALUES ('history_head', ?1)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (head == NULL)
    return FALSE;
  sdb_stmt_bind_text (head, 1, head_value);
  return sdb_database_step_done (db, head, error);
}

/* sdb_database_begin () opened savepoint (or transaction) @depth. */
void
sdb_history_savepoint_begun (SdbDatabase *db,
                             guint        depth)
{
  HistoryState *s = get_state (db);

  if (s == NULL)
    return;
  /* A new transaction: nothing of the last one carries over. The transaction's own begin,
   * commit and rollback say so, rather than SQLite's hooks, which a caller may replace. */
  if (depth == 1)
    end_transaction (s);
  if (s->marks->len <= depth)
    g_array_set_size (s->marks, depth + 1);
  g_array_index (s->marks, Mark, depth).pending = s->pending->len;
  g_array_index (s->marks, Mark, depth).merges = s->merges->len;
}

/* sdb_database_rollback () rolled savepoint @depth back: its entries go too. */
void
sdb_history_savepoint_rolled_back (SdbDatabase *db,
                                   guint        depth)
{
  HistoryState *s = get_state (db);
  Mark mark;

  if (s == NULL)
    return;
  if (depth <= 1)
    {
      end_transaction (s);
      return;
    }
  /* Entries written inside the savepoint are gone with it: the chain's end is read again. */
  s->have_last = FALSE;
  if (depth >= s->marks->len)
    return;
  mark = g_array_index (s->marks, Mark, depth);
  /* Newest first, so that an entry merged into twice ends as it was. */
  while (s->merges->len > mark.merges)
    {
      Merge *merge = &g_array_index (s->merges, Merge, s->merges->len - 1);
      PendingEntry *p = g_ptr_array_index (s->pending, merge->index);

      if (merge->changes != NULL)
        {
          g_free (p->e.changes);
          p->e.changes = g_steal_pointer (&merge->changes);
        }
      if (merge->record_key != NULL)
        {
          g_free (p->e.record_key);
          p->e.record_key = g_steal_pointer (&merge->record_key);
        }
      if (p->rows != NULL)
        g_string_truncate (p->rows, merge->rows_len);
      g_array_set_size (s->merges, s->merges->len - 1);
    }
  if (mark.pending < s->pending->len)
    g_ptr_array_set_size (s->pending, mark.pending);
}

static gboolean exec_sql (SdbDatabase *db, const char *sql, GError **error);

/* SQL functions ----------------------------------------------------------------------------- */

static void
sql_history_on (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  HistoryState *s = sqlite3_user_data (context);

  sqlite3_result_int (context, !s->disabled);
}

static char *
remembered_key (const char *kind,
                gint64      id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind, id);
}

/* sdb_history_remember (kind, id, key): a parent is about to be deleted; its children's
 * entries, written after it is gone, still name it. */
static void
sql_history_remember (sqlite3_context  *context,
                      int               argc,
                      sqlite3_value   **argv)
{
  HistoryState *s = sqlite3_user_data (context);
  const char *kind = (const char *) sqlite3_value_text (argv[0]);
  const char *key = (const char *) sqlite3_value_text (argv[2]);

  if (kind != NULL && key != NULL)
    g_hash_table_insert (s->remembered, remembered_key (kind, sqlite3_value_int64 (argv[1])),
                         g_strdup (key));
  sqlite3_result_null (context);
}

/* sdb_history_key (kind, id): the code of a record that is gone, from the parent being deleted
 * or from its newest entry. */
static void
sql_history_key (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  HistoryState *s = sqlite3_user_data (context);
  const char *kind = (const char *) sqlite3_value_text (argv[0]);
  gint64 id = sqlite3_value_int64 (argv[1]);
  g_autofree char *name = NULL;
  const char *found;
  g_autoptr(SdbStmt) stmt = NULL;

  if (kind == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  name = remembered_key (kind, id);
  found = g_hash_table_lookup (s->remembered, name);
  if (found != NULL)
    {
      sqlite3_result_text (context, found, -1, SQLITE_TRANSIENT);
      return;
    }
  stmt = sdb_database_prepare (s->db,
                               "SELECT record_key FROM history WHERE record_kind = ?1"
                               " AND record_id = ?2 ORDER BY id DESC LIMIT 1", NULL);
  if (stmt != NULL)
    {
      sdb_stmt_bind_text (stmt, 1, kind);
      sdb_stmt_bind_int (stmt, 2, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          sqlite3_result_text (context, (const char *) sqlite3_column_text (stmt, 0), -1,
                               SQLITE_TRANSIENT);
          return;
        }
    }
  {
    g_autofree char *unknown = g_strdup_printf ("#%" G_GINT64_FORMAT, id);

    sqlite3_result_text (context, unknown, -1, SQLITE_TRANSIENT);
  }
}

static char *
dup_value_text (sqlite3_value *value)
{
  const char *text = (const char *) sqlite3_value_text (value);

  return g_strdup (text != NULL ? text : "");
}

/* sdb_history_row (op, table, row_key, record_kind, record_id, record_key, columns...): for an
 * insert or a delete the columns come as (name, value) pairs, for an update as (name, old,
 * new) triples. */
typedef enum
{
  CHANGES_INSERT,       /* column, value: the values */
  CHANGES_UPDATE,       /* column, old, new: the columns that changed, [old, new] */
  CHANGES_UPDATED_ROW,  /* column, old, new: the new values, as an insert records them */
} ChangesForm;

/* The compact JSON of sdb_history_row ()'s columns from argv[6] on, leaving out NULL values
 * (of an insert) and unchanged columns (of an update); @n_columns is how many it names. */
static void
changes_json (GString        *changes,
              int             argc,
              sqlite3_value **argv,
              ChangesForm     form,
              guint          *n_columns)
{
  int step = form == CHANGES_INSERT ? 2 : 3;
  int value = form == CHANGES_UPDATED_ROW ? 2 : 1;
  guint n = 0;

  g_string_truncate (changes, 0);
  g_string_append_c (changes, '{');
  for (int i = 6; i + step - 1 < argc; i += step)
    {
      const char *column = (const char *) sqlite3_value_text (argv[i]);

      if (column == NULL)
        continue;
      if (form == CHANGES_UPDATE ? values_equal (argv[i + 1], argv[i + 2])
                                 : sqlite3_value_type (argv[i + value]) == SQLITE_NULL)
        continue;
      if (n++ > 0)
        g_string_append_c (changes, ',');
      append_json_string (changes, column, -1);
      g_string_append_c (changes, ':');
      if (form == CHANGES_UPDATE)
        {
          g_string_append_c (changes, '[');
          append_json_value (changes, argv[i + 1]);
          g_string_append_c (changes, ',');
          append_json_value (changes, argv[i + 2]);
          g_string_append_c (changes, ']');
        }
      else
        append_json_value (changes, argv[i + value]);
    }
  g_string_append_c (changes, '}');
  if (n_columns != NULL)
    *n_columns = n;
}

static void
sql_history_row (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  HistoryState *s = sqlite3_user_data (context);
  g_autoptr(SdbHistoryEntry) e = NULL;
  GString *changes;
  g_autoptr(GError) error = NULL;
  const char *op;
  gboolean update;
  guint n = 0;

  if (argc < 6 || (op = (const char *) sqlite3_value_text (argv[0])) == NULL)
    {
      sqlite3_result_error (context, "sdb_history_row: bad arguments", -1);
      return;
    }
  update = g_str_equal (op, "update");
  /* Written into the connection's own buffer, and copied only where it is kept. */
  changes = s->json;
  changes_json (changes, argc, argv, update ? CHANGES_UPDATE : CHANGES_INSERT, &n);

  /* An update that wrote the same values (a second import of the same file) is no change. */
  if (update && n == 0)
    {
      sqlite3_result_null (context);
      return;
    }

  if (sdb_database_get_transaction_depth (s->db) > 0)
    {
      const char *table = (const char *) sqlite3_value_text (argv[1]);
      const char *kind = (const char *) sqlite3_value_text (argv[3]);
      int inserted;

      /* A row of a record whose own row was inserted earlier in the transaction joins that
       * entry. */
      if (!update && g_str_equal (op, "insert") && table != NULL && kind != NULL
          && sqlite3_value_text (argv[2]) != NULL
          && sqlite3_value_type (argv[4]) == SQLITE_INTEGER
          && !g_str_equal (table, owner_table (kind)))
        {
          char record_id[24];

          g_snprintf (record_id, sizeof record_id, "%" G_GINT64_FORMAT,
                      (gint64) sqlite3_value_int64 (argv[4]));
          inserted = find_pending_insert (s, owner_table (kind), record_id);
          if (inserted >= 0)
            {
              add_row_to_insert (s, inserted, table, (const char *) sqlite3_value_text (argv[2]),
                                 changes);
              sqlite3_result_null (context);
              return;
            }
        }
      /* A row inserted earlier in the transaction: its insert records the row as it is now. */
      if (update && table != NULL && sqlite3_value_text (argv[2]) != NULL
          && (inserted = find_pending_insert (s, table,
                                              (const char *) sqlite3_value_text (argv[2]))) >= 0)
        {
          changes_json (changes, argc, argv, CHANGES_UPDATED_ROW, NULL);
          merge_into_insert (s, inserted, g_strndup (changes->str, changes->len),
                             dup_value_text (argv[5]));
          sqlite3_result_null (context);
          return;
        }

      add_pending (s, op, table != NULL ? table : "", kind != NULL ? kind : "",
                   sqlite3_value_int64 (argv[4]), dup_value_text (argv[2]),
                   dup_value_text (argv[5]), g_strndup (changes->str, changes->len));
      sqlite3_result_null (context);
      return;
    }
  e = g_new0 (SdbHistoryEntry, 1);
  e->op = g_strdup (op);
  e->table = dup_value_text (argv[1]);
  e->row_key = dup_value_text (argv[2]);
  e->record_kind = dup_value_text (argv[3]);
  e->record_id = sqlite3_value_int64 (argv[4]);
  e->record_key = dup_value_text (argv[5]);
  e->changes = g_strndup (changes->str, changes->len);
  if (!append_entry (s, e, &error))
    {
      /* The write fails as the entry's did: a full disk is reported as a full disk. */
      sqlite3_result_error (context, error->message, -1);
      if (g_error_matches (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NO_SPACE))
        sqlite3_result_error_code (context, SQLITE_FULL);
      else if (g_error_matches (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_PERMISSION))
        sqlite3_result_error_code (context, SQLITE_READONLY);
      else if (g_error_matches (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_BUSY))
        sqlite3_result_error_code (context, SQLITE_BUSY);
      return;
    }
  sqlite3_result_null (context);
}

gboolean
sdb_history_attach (SdbDatabase  *db,
                    GError      **error)
{
  static const struct
  {
    const char *name;
    int n_args;
    void (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "sdb_history_on", 0, sql_history_on },
    { "sdb_history_row", -1, sql_history_row },
    { "sdb_history_remember", 3, sql_history_remember },
    { "sdb_history_key", 2, sql_history_key },
  };
  sqlite3 *handle = sdb_database_get_handle (db);
  HistoryState *s = get_state (db);

  if (s == NULL)
    {
      s = g_new0 (HistoryState, 1);
      s->db = db;
      s->remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      s->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_entry_free);
      s->inserts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      s->merges = g_array_new (FALSE, TRUE, sizeof (Merge));
      s->json = g_string_sized_new (1024);
      g_array_set_clear_func (s->merges, (GDestroyNotify) merge_clear);
      s->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
      g_object_set_qdata_full (G_OBJECT (db), state_quark (), s, (GDestroyNotify) state_free);
    }

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      int rc = sqlite3_create_function_v2 (handle, functions[i].name, functions[i].n_args,
                                           SQLITE_UTF8, s, functions[i].func,
                                           NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return sdb_database_set_error (db, rc, error);
    }
  sqlite3_commit_hook (handle, commit_hook, s);
  sqlite3_rollback_hook (handle, rollback_hook, s);
  /* The triggers call these functions, which write: a build of SQLite that distrusts the
   * schema by default would refuse them. Only this program's own databases are opened. */
  return exec_sql (db, "PRAGMA trusted_schema = ON", error);
}

/* Triggers ---------------------------------------------------------------------------------- */

static char *
expand (const char *expression,
        const char *row)
{
  g_auto(GStrv) parts = g_strsplit (expression, "$.", -1);
  g_autofree char *prefix = g_strconcat (row, ".", NULL);

  return g_strjoinv (prefix, parts);
}

/* The columns a history entry keeps, in the table's order. */
static GPtrArray *
list_columns (SdbDatabase  *db,
              const char   *table,
              GError      **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db,
                                                  "SELECT name FROM pragma_table_info (?1)"
                                                  " ORDER BY cid", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_text (stmt, 1, table);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *name = sdb_stmt_dup_text (stmt, 0);

      if (!is_derived_column (name))
        g_ptr_array_add (columns, g_steal_pointer (&name));
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&columns);
}

typedef enum { ON_INSERT, ON_UPDATE, ON_DELETE, BEFORE_DELETE } TriggerKind;

static char *
trigger_name (const HistoryTable *t,
              TriggerKind         kind)
{
  static const char *const suffix[] = { "insert", "update", "delete", "remember" };

  return g_strdup_printf ("history_%s_%s", t->table, suffix[kind]);
}

static char *
trigger_sql (const HistoryTable *t,
             GPtrArray          *columns,
             TriggerKind         kind)
{
  static const char *const event[] = { "AFTER INSERT", "AFTER UPDATE", "AFTER DELETE",
                                       "BEFORE DELETE" };
  static const char *const op[] = { "insert", "update", "delete", NULL };
  const char *row = kind == ON_INSERT ? "NEW" : kind == ON_UPDATE ? "NEW" : "OLD";
  g_autofree char *name = trigger_name (t, kind);
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql, "CREATE TRIGGER %s %s ON %s WHEN sdb_history_on () BEGIN SELECT ",
                          name, event[kind], t->table);
  if (kind == BEFORE_DELETE)
    {
      g_autofree char *id = expand (t->record_id, row);
      g_autofree char *key = expand (t->remember, row);

      g_string_append_printf (sql, "sdb_history_remember ('%s', %s, %s); END",
                              t->record_kind, id, key);
      return g_string_free (g_steal_pointer (&sql), FALSE);
    }

  {
    g_autofree char *row_key = expand (t->row_key, row);
    g_autofree char *record_id = expand (t->record_id, row);
    g_autofree char *record_key = expand (t->record_key, row);

    g_string_append_printf (sql, "sdb_history_row ('%s', '%s', %s, '%s', %s, %s", op[kind],
                            t->table, row_key, t->record_kind, record_id, record_key);
  }
  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);

      if (kind == ON_UPDATE)
        g_string_append_printf (sql, ", '%s', OLD.%s, NEW.%s", column, column, column);
      else
        g_string_append_printf (sql, ", '%s', %s.%s", column, row, column);
    }
  g_string_append (sql, "); END");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Every trigger the history needs, name -> SQL, for the tables as they are now. */
static GHashTable *
expected_triggers (SdbDatabase  *db,
                   GError      **error)
{
  g_autoptr(GHashTable) triggers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const HistoryTable *t = &tables[i];
      g_autoptr(GPtrArray) columns = list_columns (db, t->table, error);

      if (columns == NULL)
        return NULL;
      for (TriggerKind kind = ON_INSERT; kind <= BEFORE_DELETE; kind++)
        if (kind != BEFORE_DELETE || t->remember != NULL)
          g_hash_table_insert (triggers, trigger_name (t, kind), trigger_sql (t, columns, kind));
    }
  return g_steal_pointer (&triggers);
}

static gboolean
exec_sql (SdbDatabase  *db,
          const char   *sql,
          GError      **error)
{
  int rc = sqlite3_exec (sdb_database_get_handle (db), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return sdb_database_set_error (db, rc, error);
  return TRUE;
}

static gboolean
install_triggers (SdbDatabase  *db,
                  GError      **error)
{
  g_autoptr(GHashTable) triggers = expected_triggers (db, error);
  GHashTableIter iter;
  gpointer name, sql;

  if (triggers == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, triggers);
  while (g_hash_table_iter_next (&iter, &name, &sql))
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER IF EXISTS %s", (char *) name);

      if (!exec_sql (db, drop, error) || !exec_sql (db, sql, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sdb_history_add_note (SdbDatabase  *db,
                      const char   *op,
                      const char   *changes,
                      GError      **error)
{
  HistoryState *s = get_state (db);
  g_autoptr(SdbHistoryEntry) e = NULL;

  g_return_val_if_fail (s != NULL, FALSE);

  if (sdb_database_get_transaction_depth (db) > 0)
    {
      add_pending (s, op, "", "", 0, g_strdup (""), g_strdup (""), g_strdup (changes));
      return TRUE;
    }
  e = g_new0 (SdbHistoryEntry, 1);
  e->op = g_strdup (op);
  e->table = g_strdup ("");
  e->row_key = g_strdup ("");
  e->record_kind = g_strdup ("");
  e->record_key = g_strdup ("");
  e->changes = g_strdup (changes);
  return append_entry (s, e, error);
}

gboolean
sdb_history_migrate (SdbDatabase  *db,
                     int           version,
                     GError      **error)
{
  if (!install_triggers (db, error))
    return FALSE;
  if (version == SDB_HISTORY_SCHEMA_VERSION)
    {
      gint64 records = 0;
      g_autoptr(SdbStmt) stmt = sdb_database_prepare (db,
                                                      "SELECT (SELECT count (*) FROM organization)"
                                                      " + (SELECT count (*) FROM member)"
                                                      " + (SELECT count (*) FROM meeting)", error);

      if (stmt == NULL || sdb_database_step (db, stmt, error) != SQLITE_ROW)
        return FALSE;
      records = sdb_stmt_get_int (stmt, 0);
      sdb_stmt_release (g_steal_pointer (&stmt));
      return sdb_history_add_note (db, "start",
                                   records > 0 ? "{\"reason\":\"migrated\"}"
                                               : "{\"reason\":\"new\"}", error);
    }
  return TRUE;
}

void
sdb_history_set_enabled (SdbDatabase *db,
                         gboolean     enabled)
{
  HistoryState *s = get_state (db);

  g_return_if_fail (s != NULL);
  s->disabled = !enabled;
}

gboolean
sdb_history_get_enabled (SdbDatabase *db)
{
  HistoryState *s = get_state (db);

  return s != NULL && !s->disabled;
}

/**
 * sdb_history_set_import_source:
 *
 * Names the file the next import reads (its base name is kept), for the import's entry.
 */
void
sdb_history_set_import_source (SdbDatabase *db,
                               const char  *source)
{
  HistoryState *s = get_state (db);

  g_return_if_fail (s != NULL);
  g_free (s->import_source);
  s->import_source = source != NULL ? g_path_get_basename (source) : NULL;
}

void
sdb_history_begin_import (SdbDatabase *db,
                          const char  *kind)
{
  HistoryState *s = get_state (db);

  g_return_if_fail (s != NULL);
  s->importing = TRUE;
  s->import_mark = s->written + s->pending->len;
  g_free (s->import_kind);
  s->import_kind = g_strdup (kind);
}

gboolean
sdb_history_end_import (SdbDatabase  *db,
                        GError      **error)
{
  HistoryState *s = get_state (db);
  g_autoptr(GString) changes = g_string_new ("{\"file\":");
  gint64 changed;
  gboolean ok;

  g_return_val_if_fail (s != NULL, FALSE);
  /* No entry was written: the import changed nothing. */
  changed = s->written + s->pending->len - s->import_mark;
  if (!s->importing || changed == 0)
    {
      s->importing = FALSE;
      g_clear_pointer (&s->import_source, g_free);
      return TRUE;
    }

  append_json_string (changes, s->import_source != NULL ? s->import_source : "", -1);
  g_string_append (changes, ",\"kind\":");
  append_json_string (changes, s->import_kind != NULL ? s->import_kind : "", -1);
  g_string_append_printf (changes, ",\"changed\":%" G_GINT64_FORMAT "}", changed);
  ok = sdb_history_add_note (db, "import", changes->str, error);
  s->importing = FALSE;
  g_clear_pointer (&s->import_source, g_free);
  return ok;
}

/* Reading ----------------------------------------------------------------------------------- */

/* The id of the last entry of the change numbered @txn (SQL). */
#define CHANGE_END(txn) \
  "ifnull ((SELECT id - 1 FROM history WHERE id > " txn " AND txn <> " txn " ORDER BY id" \
  " LIMIT 1), (SELECT max (id) FROM history))"

#define ENTRY_COLUMNS "id, txn, import_id, time, user, op, tbl, row_key, record_kind, record_id," \
                      " record_key, changes, hash"

/* The position after the JSON string, object or array at @p (as this file writes them), or
 * NULL. */
static const char *
skip_json_value (const char *p)
{
  int depth = 0;

  do
    {
      switch (*p)
        {
        case '"':
          for (p++; *p != '"'; p++)
            if (*p == '\0' || (*p == '\\' && *++p == '\0'))
              return NULL;
          p++;
          break;
        case '{':
        case '[':
          depth++;
          p++;
          break;
        case '}':
        case ']':
          depth--;
          p++;
          break;
        case '\0':
          return NULL;
        default:
          p++;
          break;
        }
    }
  while (depth > 0);
  return p;
}

/* The text of the JSON string from @start to @end (quotes included): a table's name or a row
 * key, which need no escapes but the two this file would write. */
static char *
json_unquote (const char *start,
              const char *end)
{
  GString *text = g_string_sized_new (end - start);

  for (const char *p = start + 1; p < end - 1; p++)
    {
      if (*p == '\\' && p + 1 < end - 1)
        p++;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static SdbHistoryEntry *
entry_copy (const SdbHistoryEntry *e)
{
  SdbHistoryEntry *copy = g_new (SdbHistoryEntry, 1);

  *copy = *e;
  copy->time = g_strdup (e->time);
  copy->user = g_strdup (e->user);
  copy->op = g_strdup (e->op);
  copy->table = g_strdup (e->table);
  copy->row_key = g_strdup (e->row_key);
  copy->record_kind = g_strdup (e->record_kind);
  copy->record_key = g_strdup (e->record_key);
  copy->changes = g_strdup (e->changes);
  copy->hash = g_strdup (e->hash);
  return copy;
}

/* Adds @e (taken) to @out, newest first. The insert of a record's own row that gathered the
 * rows inserted for the record in the same change (see PendingEntry) comes as the entries of
 * each row: its own last, after theirs, newest first, all with its number and hash. */
static void
add_expanded (GPtrArray       *out,
              SdbHistoryEntry *e)
{
  const char *rows = g_str_equal (e->op, "insert") ? g_strrstr (e->changes, ROWS_KEY) : NULL;
  g_autoptr(GPtrArray) parts = NULL;
  const char *p;

  if (rows == NULL || !g_str_has_suffix (e->changes, "]}"))
    {
      g_ptr_array_add (out, e);
      return;
    }
  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_history_entry_free);
  for (p = rows + strlen (ROWS_KEY); *p == '['; )
    {
      const char *table = p + 1, *table_end, *key, *key_end, *changes, *changes_end;
      SdbHistoryEntry *part;

      if ((table_end = skip_json_value (table)) == NULL || *table_end != ','
          || (key_end = skip_json_value (key = table_end + 1)) == NULL || *key_end != ','
          || (changes_end = skip_json_value (changes = key_end + 1)) == NULL
          || *changes_end != ']')
        break;
      part = entry_copy (e);
      g_free (part->table);
      part->table = json_unquote (table, table_end);
      g_free (part->row_key);
      part->row_key = json_unquote (key, key_end);
      g_free (part->changes);
      part->changes = g_strndup (changes, changes_end - changes);
      /* The id and the link to the record, left out when it was written, come back. */
      if (!g_str_has_prefix (part->changes, "{\"id\":"))
        {
          g_autofree char *prefix = implied_prefix (part->table, part->row_key, e->record_id);

          if (prefix != NULL)
            {
              char *full = g_strconcat (prefix, g_str_equal (part->changes, "{}") ? "" : ",",
                                        part->changes + 1, NULL);

              g_free (part->changes);
              part->changes = full;
            }
        }
      g_ptr_array_add (parts, part);
      p = changes_end + 1;
      if (*p == ',')
        p++;
    }
  /* Not as written here: shown as it is. */
  if (!g_str_equal (p, "]}"))
    {
      g_ptr_array_add (out, e);
      return;
    }
  for (guint i = parts->len; i > 0; i--)
    g_ptr_array_add (out, g_ptr_array_steal_index (parts, i - 1));
  {
    /* {"id":1,…,"@rows":[…]} is the row's own {"id":1,…}. */
    gsize own = rows - e->changes;
    char *changes = g_strdup_printf ("%.*s}", (int) (own > 1 ? own - 1 : own), e->changes);

    g_free (e->changes);
    e->changes = changes;
  }
  g_ptr_array_add (out, e);
}

static SdbHistoryEntry *
entry_from_row (SdbStmt *stmt)
{
  SdbHistoryEntry *e = g_new0 (SdbHistoryEntry, 1);

  e->id = sdb_stmt_get_int (stmt, 0);
  e->txn = sdb_stmt_get_int (stmt, 1);
  e->import_id = sdb_stmt_get_int (stmt, 2);
  e->time = sdb_stmt_dup_text (stmt, 3);
  e->user = sdb_stmt_dup_text (stmt, 4);
  e->op = sdb_stmt_dup_text (stmt, 5);
  e->table = sdb_stmt_dup_text (stmt, 6);
  e->row_key = sdb_stmt_dup_text (stmt, 7);
  e->record_kind = sdb_stmt_dup_text (stmt, 8);
  e->record_id = sdb_stmt_get_int (stmt, 9);
  e->record_key = sdb_stmt_dup_text (stmt, 10);
  e->changes = sdb_stmt_dup_text (stmt, 11);
  e->hash = sdb_stmt_dup_text (stmt, 12);
  return e;
}

/* The ids a record may have had, from its kind and code: the current record's (also set in
 * @current), and every id an entry names with that code (a deleted record, or one whose code
 * changed). "#17" names id 17. */
static GArray *
record_ids (SdbDatabase  *db,
            const char   *kind,
            const char   *key,
            gint64       *current,
            GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SdbStmt) stmt = NULL;
  gint64 id = 0;
  int rc;

  *current = 0;
  if (key[0] == '#' && key[1] != '\0')
    {
      id = g_ascii_strtoll (key + 1, NULL, 10);
      g_array_append_val (ids, id);
      *current = id;
      return g_steal_pointer (&ids);
    }
  if (g_str_equal (kind, "member") || g_str_equal (kind, "organization"))
    {
      stmt = sdb_database_prepare (db, g_str_equal (kind, "member")
                                       ? "SELECT id FROM member WHERE code = ?1"
                                       : "SELECT id FROM organization WHERE code = ?1", error);
      if (stmt == NULL)
        return NULL;
      sdb_stmt_bind_text (stmt, 1, key);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return NULL;
      if (rc == SQLITE_ROW)
        {
          *current = sdb_stmt_get_int (stmt, 0);
          g_array_append_val (ids, *current);
        }
      sdb_stmt_release (g_steal_pointer (&stmt));
    }
  /* A record that is gone, or a code it no longer has: found through its entries (a read of
   * all entries of that kind, so not done for a record found by its code). */
  if (*current != 0)
    return g_steal_pointer (&ids);
  stmt = sdb_database_prepare (db,
                               "SELECT DISTINCT record_id FROM history"
                               " WHERE record_kind = ?1 AND record_key = ?2"
                               " AND record_id IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_text (stmt, 1, kind);
  sdb_stmt_bind_text (stmt, 2, key);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      id = sdb_stmt_get_int (stmt, 0);
      if (id != *current)
        g_array_append_val (ids, id);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&ids);
}

/* A local date as the UTC time its first second began, to compare with stored times. */
static char *
since_utc (const char *since)
{
  SdbDate date = { 0, 0, 0 };
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (!sdb_date_from_iso (since, &date) || date.day == 0)
    return NULL;
  local = g_date_time_new_local (date.year, date.month, date.day, 0, 0, 0);
  if (local == NULL)
    return NULL;
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The entries of the record @kind:@key among those of one id, oldest first. Ids are reused
 * (a new row takes the largest id plus one), so one id's entries may belong to several records
 * one after the other; each record's life ends with the deletion of its own row. Only the
 * lives in which an entry names @key (or the life of the record that exists now, @current)
 * are kept. */
static gboolean
add_record_entries (SdbDatabase  *db,
                    const char   *kind,
                    const char   *key,
                    gint64        id,
                    gboolean      current,
                    GPtrArray    *out,
                    GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, "SELECT " ENTRY_COLUMNS " FROM history"
                                                      " WHERE record_kind = ?1"
                                                      " AND record_id = ?2 ORDER BY id", error);
  g_autoptr(GPtrArray) life = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sdb_history_entry_free);
  const char *table = owner_table (kind);
  gboolean named = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_text (stmt, 1, kind);
  sdb_stmt_bind_int (stmt, 2, id);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      SdbHistoryEntry *e = entry_from_row (stmt);
      gboolean ends = g_str_equal (e->op, "delete") && g_str_equal (e->table, table);

      named = named || g_str_equal (e->record_key, key);
      g_ptr_array_add (life, e);
      if (ends)
        {
          if (named)
            g_ptr_array_extend_and_steal (out, g_steal_pointer (&life));
          else
            g_ptr_array_set_size (life, 0);
          if (life == NULL)
            life = g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_history_entry_free);
          named = FALSE;
        }
    }
  if (rc == 0)
    return FALSE;
  if (named || current)
    g_ptr_array_extend_and_steal (out, g_steal_pointer (&life));
  return TRUE;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const SdbHistoryEntry *ea = *(SdbHistoryEntry **) a;
  const SdbHistoryEntry *eb = *(SdbHistoryEntry **) b;

  return ea->id < eb->id ? 1 : ea->id > eb->id ? -1 : 0;
}

/* A stored entry can unfold into several (a member with the events written with them): the
 * limit counts what is shown, so the newest @limit of those are kept (0 keeps all). Each stored
 * entry unfolds into one at least, so LIMIT on the stored ones never leaves too few. */
static void
keep_newest (GPtrArray *entries,
             guint      limit)
{
  if (limit > 0 && entries->len > limit)
    g_ptr_array_remove_range (entries, limit, entries->len - limit);
}

/* The entries of one record, then the filter's other conditions, newest first. */
static GPtrArray *
list_record (SdbDatabase             *db,
             const SdbHistoryFilter  *filter,
             const char              *since,
             GError                 **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sdb_history_entry_free);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sdb_history_entry_free);
  gint64 current = 0;
  g_autoptr(GArray) ids = record_ids (db, filter->record_kind, filter->record_key, &current,
                                      error);

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!add_record_entries (db, filter->record_kind, filter->record_key, id,
                               id == current, all, error))
        return NULL;
    }
  g_ptr_array_sort (all, compare_newest_first);
  /* Each entry moves to @kept or is freed here. */
  g_ptr_array_set_free_func (all, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      SdbHistoryEntry *e = g_ptr_array_index (all, i);

      if ((since != NULL && strcmp (e->time, since) < 0)
          || (filter->import_id != 0 && e->import_id != filter->import_id)
          || (filter->txn != 0 && e->txn != filter->txn)
          || (filter->limit > 0 && kept->len >= filter->limit))
        sdb_history_entry_free (e);
      else
        add_expanded (kept, e);
    }
  keep_newest (kept, filter->limit);
  return g_steal_pointer (&kept);
}

/**
 * sdb_history_list:
 *
 * Returns: (transfer full) (element-type SdbHistoryEntry): the entries @filter selects,
 * newest first. A record that never existed has no entries: an empty array.
 */
GPtrArray *
sdb_history_list (SdbDatabase             *db,
                  const SdbHistoryFilter  *filter,
                  GError                 **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sdb_history_entry_free);
  g_autoptr(GString) sql = g_string_new ("SELECT " ENTRY_COLUMNS " FROM history WHERE 1");
  g_autofree char *since = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->since != NULL)
    {
      since = since_utc (filter->since);
      if (since == NULL)
        {
          g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID,
                       _("“%s” is not a date."), filter->since);
          return NULL;
        }
    }
  if (filter->record_kind != NULL && filter->record_key != NULL)
    return list_record (db, filter, since, error);

  if (since != NULL)
    g_string_append (sql, " AND time >= ?3");
  /* A change's entries follow one another from the id that numbers it. */
  if (filter->import_id != 0)
    g_string_append (sql, " AND import_id = ?4 AND id >= ?4 AND id <= " CHANGE_END ("?4"));
  if (filter->txn != 0)
    g_string_append (sql, " AND txn = ?5 AND id >= ?5 AND id <= " CHANGE_END ("?5"));
  g_string_append (sql, " ORDER BY id DESC");
  if (filter->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", filter->limit);

  /* The query changes with the filter: prepared here, not kept in the statement cache. */
  rc = sqlite3_prepare_v2 (sdb_database_get_handle (db), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sdb_database_set_error (db, rc, error), NULL;
  if (since != NULL)
    sqlite3_bind_text (stmt, 3, since, -1, SQLITE_TRANSIENT);
  if (filter->import_id != 0)
    sqlite3_bind_int64 (stmt, 4, filter->import_id);
  if (filter->txn != 0)
    sqlite3_bind_int64 (stmt, 5, filter->txn);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_expanded (entries, entry_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sdb_database_set_error (db, rc, error), NULL;
  keep_newest (entries, filter->limit);
  return g_steal_pointer (&entries);
}

static gint64
query_int (SdbDatabase  *db,
           const char   *sql,
           GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, sql, error);

  if (stmt == NULL || sdb_database_step (db, stmt, error) != SQLITE_ROW)
    return -1;
  return sdb_stmt_get_int (stmt, 0);
}

/**
 * sdb_history_count:
 *
 * Returns: how many entries the history holds, or -1 with @error set.
 */
gint64
sdb_history_count (SdbDatabase  *db,
                   GError      **error)
{
  return query_int (db, "SELECT count (*) FROM history", error);
}

/**
 * sdb_history_get_last_txn:
 *
 * Returns: the number of the newest change (what an Undo button undoes), 0 when there is none,
 * or -1 with @error set.
 */
gint64
sdb_history_get_last_txn (SdbDatabase  *db,
                          GError      **error)
{
  return query_int (db, "SELECT ifnull ((SELECT txn FROM history ORDER BY id DESC LIMIT 1), 0)",
                    error);
}

/* Undo ---------------------------------------------------------------------------------------- */

/* The SQL that makes a derived key from the kept column @column of @table, or NULL. */
static const char *
derived_keys_from (const char *table,
                   const char *column)
{
  if (g_str_equal (table, "organization") && g_str_equal (column, "name"))
    return "name_key = sdb_sort_key (%s), search_key = sdb_search_key (%s)";
  if (g_str_equal (table, "member") && g_str_equal (column, "full_name"))
    return "name_key = sdb_name_key (%s), search_key = sdb_search_key (%s)";
  return NULL;
}

/* "id = ?2", or "member_id = ?2 AND year = ?3" for a rating, bound from @row_key. */
static void
append_row_condition (GString               *sql,
                      const HistoryTable    *t)
{
  g_auto(GStrv) columns = g_strsplit (t->key_columns, ",", -1);

  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s = ?%u", i > 0 ? " AND " : "", columns[i], i + 2);
}

static void
bind_row_key (sqlite3_stmt          *stmt,
              const SdbHistoryEntry *e)
{
  g_auto(GStrv) parts = g_strsplit (e->row_key, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    sqlite3_bind_int64 (stmt, (int) i + 2, g_ascii_strtoll (parts[i], NULL, 10));
}

/* The column names an entry's changes hold, each one of @columns (names come from the
 * schema, never from the entry, before they reach SQL text). */
static GPtrArray *
changed_columns (SdbDatabase      *db,
                 const char       *changes,
                 GPtrArray        *columns,
                 GError          **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, "SELECT key FROM json_each (?1)", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_text (stmt, 1, changes);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      for (guint i = 0; key != NULL && i < columns->len; i++)
        if (g_str_equal (g_ptr_array_index (columns, i), key))
          g_ptr_array_add (found, g_ptr_array_index (columns, i));
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&found);
}

static char *
json_path (const char *column,
           const char *suffix)
{
  return g_strdup_printf ("json_extract (?1, '$.\"%s\"%s')", column, suffix);
}

/* The SQL that takes the row of @e back to how it was before @e. */
static char *
revert_sql (const HistoryTable     *t,
            const SdbHistoryEntry  *e,
            GPtrArray              *columns,
            GPtrArray              *changed)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  if (g_str_equal (e->op, "delete"))
    {
      g_autoptr(GString) values = g_string_new (NULL);

      g_string_append_printf (sql, "INSERT INTO %s (", t->table);
      for (guint i = 0; i < columns->len; i++)
        {
          const char *column = g_ptr_array_index (columns, i);
          g_autofree char *value = json_path (column, "");
          const char *derived = derived_keys_from (t->table, column);

          g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", column);
          g_string_append_printf (values, "%s%s", i > 0 ? ", " : "", value);
          if (derived != NULL)
            {
              g_string_append (sql, ", name_key, search_key");
              g_string_append_printf (values, ", %s (%s), sdb_search_key (%s)",
                                      g_str_equal (t->table, "member") ? "sdb_name_key"
                                                                       : "sdb_sort_key",
                                      value, value);
            }
        }
      g_string_append_printf (sql, ") VALUES (%s)", values->str);
    }
  else if (g_str_equal (e->op, "update"))
    {
      g_string_append_printf (sql, "UPDATE %s SET ", t->table);
      for (guint i = 0; i < changed->len; i++)
        {
          const char *column = g_ptr_array_index (changed, i);
          g_autofree char *old = json_path (column, "[0]");
          const char *derived = derived_keys_from (t->table, column);

          g_string_append_printf (sql, "%s%s = %s", i > 0 ? ", " : "", column, old);
          if (derived != NULL)
            g_string_append_printf (sql, ", name_key = %s (%s), search_key = sdb_search_key (%s)",
                                    g_str_equal (t->table, "member") ? "sdb_name_key"
                                                                     : "sdb_sort_key",
                                    old, old);
        }
      g_string_append (sql, " WHERE ");
      append_row_condition (sql, t);
      /* Only if the row still holds what the change wrote. */
      for (guint i = 0; i < changed->len; i++)
        {
          const char *column = g_ptr_array_index (changed, i);
          g_autofree char *new_value = json_path (column, "[1]");

          g_string_append_printf (sql, " AND %s IS %s", column, new_value);
        }
    }
  else
    {
      g_string_append_printf (sql, "DELETE FROM %s WHERE ", t->table);
      append_row_condition (sql, t);
      for (guint i = 0; i < columns->len; i++)
        {
          const char *column = g_ptr_array_index (columns, i);
          g_autofree char *value = json_path (column, "");

          g_string_append_printf (sql, " AND %s IS %s", column, value);
        }
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
set_cannot_undo (gint64   txn,
                 GError **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, txn);

  g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE,
               _("Change %s cannot be undone: the records it touched have changed since. "
                 "Nothing was changed."), number);
  return FALSE;
}

/* What an undo prepares once and uses for every entry of the same shape: a change of 200.000
 * rows is a few shapes (a member's insert, an event's), and parsing each entry's SQL anew took
 * most of its time. */
typedef struct
{
  GHashTable *columns;     /* table → GPtrArray of its columns */
  GHashTable *statements;  /* revert SQL → sqlite3_stmt */
} RevertCache;

static void
revert_cache_clear (RevertCache *cache)
{
  g_clear_pointer (&cache->columns, g_hash_table_unref);
  g_clear_pointer (&cache->statements, g_hash_table_unref);
}

static gboolean
revert_entry (SdbDatabase            *db,
              const SdbHistoryEntry  *e,
              RevertCache            *cache,
              GError                **error)
{
  const HistoryTable *t = find_table (e->table);
  GPtrArray *columns;
  g_autoptr(GPtrArray) changed = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *handle = sdb_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (t == NULL)
    return set_cannot_undo (e->txn, error);
  columns = g_hash_table_lookup (cache->columns, t->table);
  if (columns == NULL)
    {
      columns = list_columns (db, t->table, error);
      if (columns == NULL)
        return FALSE;
      g_hash_table_insert (cache->columns, (gpointer) t->table, columns);
    }
  changed = changed_columns (db, e->changes, columns, error);
  if (changed == NULL)
    return FALSE;
  sql = revert_sql (t, e, columns, changed);

  stmt = g_hash_table_lookup (cache->statements, sql);
  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        return sdb_database_set_error (db, rc, error);
      g_hash_table_insert (cache->statements, g_steal_pointer (&sql), stmt);
    }
  sqlite3_bind_text (stmt, 1, e->changes, -1, SQLITE_STATIC);
  if (!g_str_equal (e->op, "delete"))
    bind_row_key (stmt, e);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return set_cannot_undo (e->txn, error);
  if (rc != SQLITE_DONE)
    return sdb_database_set_error (db, rc, error);
  if (sqlite3_changes (handle) != 1)
    return set_cannot_undo (e->txn, error);
  return TRUE;
}

#define UNDO_BATCH 512

/* The entries of change @txn stored before @before (at first, one past the change's last
 * entry), newest first, at most UNDO_BATCH of them as stored, each given back as the entries
 * of its rows (sdb_history_list ()). */
static GPtrArray *
list_change_batch (SdbDatabase  *db,
                   gint64        txn,
                   gint64        before,
                   GError      **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sdb_history_entry_free);
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT " ENTRY_COLUMNS " FROM history"
                          " WHERE id >= ?1 AND id < ?2 AND txn = ?1"
                          " ORDER BY id DESC LIMIT ?3", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, txn);
  sdb_stmt_bind_int (stmt, 2, before);
  sdb_stmt_bind_int (stmt, 3, UNDO_BATCH);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    add_expanded (entries, entry_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&entries);
}

static gboolean
is_row_op (const char *op)
{
  return g_str_equal (op, "insert") || g_str_equal (op, "update") || g_str_equal (op, "delete");
}

/**
 * sdb_history_undo:
 * @txn: the change's number (SdbHistoryEntry.txn; sdb_history_get_last_txn () for the newest)
 *
 * Takes every row the change @txn touched back to how it was before, from its entries: what a
 * deletion removed comes back exactly as it was, with its own ids and what was deleted with it.
 * The undo is a change of its own, with its entries and a note. Refused, changing nothing, when
 * those rows have changed since, or when the change was already undone.
 */
gboolean
sdb_history_undo (SdbDatabase  *db,
                  gint64        txn,
                  guint        *n_restored,
                  GError      **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, txn);
  g_autofree char *note = NULL;
  RevertCache cache = { NULL, NULL };
  gint64 before = 0;
  gint64 end = 0;
  guint n = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  if (!sdb_database_begin (db, error))
    return FALSE;
  {
    /* The change's entries follow one another from the id that numbers it; its end is found
     * once, before the undo's own entries follow it. */
    g_autoptr(SdbStmt) rows = sdb_database_prepare (db,
                                                    "SELECT EXISTS (SELECT 1 FROM history"
                                                    " WHERE txn = ?1 AND id >= ?1"
                                                    " AND id <= " CHANGE_END ("?1")
                                                    " AND op IN ('insert', 'update', 'delete')),"
                                                    " " CHANGE_END ("?1") " + 1",
                                                    error);

    if (rows == NULL)
      ok = FALSE;
    else
      {
        sdb_stmt_bind_int (rows, 1, txn);
        ok = sdb_database_step (db, rows, error) == SQLITE_ROW;
        if (ok)
          before = end = sdb_stmt_get_int (rows, 1);
        if (ok && sdb_stmt_get_int (rows, 0) == 0)
          {
            g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                         _("There is no change number %s to undo."), number);
            ok = FALSE;
          }
      }
  }
  if (ok)
    {
      g_autoptr(SdbStmt) undone = sdb_database_prepare (db,
                                                        "SELECT 1 FROM history WHERE record_kind = ''"
                                                        " AND record_id = ?1 AND op = 'undo'", error);

      if (undone == NULL)
        ok = FALSE;
      else
        {
          sdb_stmt_bind_int (undone, 1, txn);
          if (sqlite3_step (undone) == SQLITE_ROW)
            {
              g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_EXISTS,
                           _("Change %s has already been undone."), number);
              ok = FALSE;
            }
        }
    }
  /* The rows come back newest entry first (children before their parent when a deletion
   * cascaded); the foreign keys are checked once, at the commit. */
  if (ok)
    ok = exec_sql (db, "PRAGMA defer_foreign_keys = ON", error);
  if (ok)
    {
      cache.columns = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) g_ptr_array_unref);
      cache.statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) sqlite3_finalize);
    }
  /* A few hundred entries at a time, and what the undo records written as it goes: the undo of
   * an import of a province's members holds half a million rows. */
  while (ok)
    {
      g_autoptr(GPtrArray) entries = list_change_batch (db, txn, before, error);

      if (entries == NULL)
        {
          ok = FALSE;
          break;
        }
      if (entries->len == 0)
        break;
      before = ((SdbHistoryEntry *) g_ptr_array_index (entries, entries->len - 1))->id;
      for (guint i = 0; ok && i < entries->len; i++)
        {
          SdbHistoryEntry *e = g_ptr_array_index (entries, i);

          if (is_row_op (e->op))
            {
              ok = revert_entry (db, e, &cache, error);
              n++;
            }
        }
      if (ok)
        ok = sdb_history_flush (db, FALSE, error);
      /* How far: the change's stored entries taken back so far, of all of them. */
      if (ok)
        sdb_database_report_progress (db, (guint64) (end - before), (guint64) (end - txn));
    }
  /* Its statements end before the transaction does. */
  revert_cache_clear (&cache);
  if (ok)
    {
      note = g_strdup_printf ("{\"txn\":%" G_GINT64_FORMAT ",\"entries\":%u}", txn, n);
      add_pending (get_state (db), "undo", "", "", txn, g_strdup (""), g_strdup (""),
                   g_strdup (note));
    }
  if (!ok)
    {
      sdb_database_rollback (db);
      return FALSE;
    }
  if (!sdb_database_commit (db, NULL))
    return set_cannot_undo (txn, error);
  if (n_restored != NULL)
    *n_restored = n;
  return TRUE;
}

/* Verifying --------------------------------------------------------------------------------- */

typedef struct
{
  SdbHistoryProblemFunc func;
  gpointer              user_data;
} Verify;

static void verify_report (Verify     *v,
                           const char *format,
                           ...) G_GNUC_PRINTF (2, 3);

static void
verify_report (Verify     *v,
               const char *format,
               ...)
{
  g_autoptr(SdbProblem) problem = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  problem = sdb_problem_new (NULL, SDB_SEVERITY_ERROR, message);
  if (v->func != NULL)
    v->func (_("change history"), problem, v->user_data);
}

static char *
number_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static gboolean
verify_triggers (SdbDatabase  *db,
                 Verify       *v,
                 GError      **error)
{
  static const char *const append_only[] = { "history_is_append_only_update",
                                             "history_is_append_only_delete" };
  g_autoptr(GHashTable) expected = expected_triggers (db, error);
  g_autoptr(SdbStmt) stmt = NULL;
  GHashTableIter iter;
  gpointer name, sql;
  guint bad = 0;

  if (expected == NULL)
    return FALSE;
  stmt = sdb_database_prepare (db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger'"
                                   " AND name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (append_only); i++)
    g_hash_table_insert (expected, g_strdup (append_only[i]), NULL);
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &name, &sql))
    {
      int rc;

      sdb_stmt_bind_text (stmt, 1, name);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return FALSE;
      if (rc != SQLITE_ROW
          || (sql != NULL && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), sql) != 0))
        bad++;
      sqlite3_reset (stmt);
    }
  if (bad > 0)
    verify_report (v, g_dngettext (GETTEXT_PACKAGE,
                                   "%u of the rules that record every change is missing or was "
                                   "altered outside Sổ Đảng bộ: changes made since may not be "
                                   "recorded. Restore a backup.",
                                   "%u of the rules that record every change are missing or were "
                                   "altered outside Sổ Đảng bộ: changes made since may not be "
                                   "recorded. Restore a backup.", bad), bad);
  return TRUE;
}

/* Follows the chain from the first entry; returns the newest entry's id and hash. */
static gboolean
verify_chain (SdbDatabase  *db,
              Verify       *v,
              gint64       *last_id,
              char        **last_hash,
              GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, "SELECT " ENTRY_COLUMNS " FROM history"
                                                      " ORDER BY id", error);
  g_autofree char *previous = NULL;
  gint64 expected = 1;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(SdbHistoryEntry) e = entry_from_row (stmt);
      g_autofree char *hash = entry_hash (previous, e);

      if (e->id != expected)
        {
          g_autofree char *first = number_text (expected);
          g_autofree char *last = number_text (e->id - 1);

          if (e->id > expected)
            verify_report (v, _("Entries %s to %s of the change history have been removed."),
                           first, last);
          else
            verify_report (v, _("The change history holds an entry out of order before entry "
                                "%s: it was inserted outside Sổ Đảng bộ."), first);
        }
      else if (g_strcmp0 (hash, e->hash) != 0)
        {
          g_autofree char *number = number_text (e->id);

          verify_report (v, _("Entry %s of the change history was altered, or an entry before "
                              "it was inserted or removed, outside Sổ Đảng bộ."), number);
        }
      expected = e->id + 1;
      g_free (previous);
      previous = g_steal_pointer (&e->hash);
    }
  if (rc == 0)
    return FALSE;
  *last_id = expected - 1;
  *last_hash = g_steal_pointer (&previous);
  return TRUE;
}

static gboolean
parse_head (const char  *head,
            gint64      *id,
            char       **hash)
{
  const char *colon = head != NULL ? strchr (head, ':') : NULL;

  if (colon == NULL)
    return FALSE;
  *id = g_ascii_strtoll (head, NULL, 10);
  *hash = g_strdup (colon + 1);
  return *id > 0;
}

/* The newest entry's id and hash as the meta table of @db (a live database or a backup) keeps
 * them; FALSE when it has none (an older version, or no entry yet). */
static gboolean
read_backup_head (const char  *path,
                  gint64      *id,
                  char       **hash)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (handle, "SELECT value FROM meta WHERE key = 'history_head'", -1,
                             &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    found = parse_head ((const char *) sqlite3_column_text (stmt, 0), id, hash);
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (handle);
  return found;
}

/* A backup made before the database was restored from another one (or before its history
 * began) belongs to a past the history no longer continues: it is not compared. */
static gboolean
verify_backups (SdbDatabase  *db,
                Verify       *v,
                GError      **error)
{
  g_autoptr(GPtrArray) backups = sdb_database_list_backups (db, error);
  g_autoptr(SdbStmt) reset = NULL;
  g_autoptr(SdbStmt) lookup = NULL;
  g_autoptr(GDateTime) since = NULL;
  int rc;

  if (backups == NULL)
    return FALSE;
  reset = sdb_database_prepare (db,
                                "SELECT time FROM history WHERE record_kind = ''"
                                " AND op IN ('restore', 'start') ORDER BY id DESC LIMIT 1", error);
  if (reset == NULL || (rc = sdb_database_step (db, reset, error)) == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    since = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (reset, 0), NULL);
  lookup = sdb_database_prepare (db, "SELECT hash FROM history WHERE id = ?1", error);
  if (lookup == NULL)
    return FALSE;

  for (guint i = 0; i < backups->len; i++)
    {
      SdbBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *hash = NULL;
      gint64 id = 0;

      if (since != NULL && g_date_time_compare (info->time, since) <= 0)
        continue;
      if (!read_backup_head (info->path, &id, &hash))
        continue;
      sdb_stmt_bind_int (lookup, 1, id);
      rc = sdb_database_step (db, lookup, error);
      if (rc == 0)
        return FALSE;
      if (rc != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (lookup, 0), hash) != 0)
        {
          g_autofree char *number = number_text (id);

          verify_report (v, _("The backup “%s” holds change history up to entry %s that this "
                              "database no longer holds as it was: entries were removed or "
                              "altered after the backup was made."), info->name, number);
        }
      sqlite3_reset (lookup);
    }
  return TRUE;
}

/**
 * sdb_history_verify:
 *
 * Reports each sign of tampering to @func, as an error: a trigger that records changes dropped
 * or altered; an entry edited, inserted or removed anywhere in the chain; the newest entries
 * removed (the meta table and every automatic backup keep the newest link of their time).
 * Returns: %FALSE only when the database could not be read.
 */
gboolean
sdb_history_verify (SdbDatabase            *db,
                    SdbHistoryProblemFunc   func,
                    gpointer                user_data,
                    GError                **error)
{
  Verify v = { func, user_data };
  g_autofree char *last_hash = NULL;
  g_autofree char *head = NULL;
  g_autofree char *head_hash = NULL;
  gint64 last_id = 0;
  gint64 head_id = 0;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  if (sdb_database_get_schema_version (db) < SDB_HISTORY_SCHEMA_VERSION)
    return TRUE;
  if (!verify_triggers (db, &v, error) || !verify_chain (db, &v, &last_id, &last_hash, error))
    return FALSE;

  head = sdb_database_dup_meta (db, "history_head");
  if (!parse_head (head, &head_id, &head_hash))
    {
      if (last_id > 0)
        verify_report (&v,
                       _("The record of the newest change is missing: the change history "
                         "was altered outside Sổ Đảng bộ."));
    }
  else if (head_id > last_id)
    {
      g_autofree char *first = number_text (last_id + 1);
      g_autofree char *last = number_text (head_id);

      verify_report (&v, _("The newest entries of the change history, %s to %s, have been "
                           "removed."), first, last);
    }
  else if (head_id < last_id)
    {
      g_autofree char *first = number_text (head_id + 1);

      verify_report (&v, _("Entries from %s on were added to the change history outside "
                           "Sổ Đảng bộ."), first);
    }
  else if (g_strcmp0 (head_hash, last_hash) != 0)
    {
      g_autofree char *number = number_text (last_id);

      verify_report (&v, _("Entry %s, the newest of the change history, was altered outside "
                           "Sổ Đảng bộ."), number);
    }

  return verify_backups (db, &v, error);
}

/**
 * sdb_history_note_on_handle:
 *
 * Appends a note entry to the history of @handle, a plain connection to a database of this
 * program that is not open as an SdbDatabase (the copy a restore stages). The note is a change
 * of its own, with the next change number.
 */
gboolean
sdb_history_note_on_handle (sqlite3     *handle,
                            const char  *op,
                            const char  *changes,
                            GError     **error)
{
  g_autoptr(SdbHistoryEntry) e = g_new0 (SdbHistoryEntry, 1);
  g_autofree char *previous = NULL;
  g_autofree char *head = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  e->op = g_strdup (op);
  e->table = g_strdup ("");
  e->row_key = g_strdup ("");
  e->record_kind = g_strdup ("");
  e->record_key = g_strdup ("");
  e->changes = g_strdup (changes);
  e->id = 1;
  e->txn = 1;
  rc = sqlite3_prepare_v2 (handle, "SELECT id, txn, hash FROM history ORDER BY id DESC LIMIT 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      e->id = sqlite3_column_int64 (stmt, 0) + 1;
      previous = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      rc = SQLITE_DONE;
    }
  e->txn = e->id;
  sqlite3_finalize (stmt);
  stmt = NULL;
  e->time = now_utc ();
  e->user = g_strdup (g_get_user_name ());
  e->hash = entry_hash (previous, e);
  head = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", e->id, e->hash);

  if (rc == SQLITE_DONE)
    rc = sqlite3_prepare_v2 (handle,
                             "INSERT INTO history (id, txn, time, user, op, tbl, row_key,"
                             " record_kind, record_key, changes, hash)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, '', '', '', '', ?6, ?7)", -1, &stmt,
                             NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, e->id);
      sqlite3_bind_int64 (stmt, 2, e->txn);
      sqlite3_bind_text (stmt, 3, e->time, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, e->user, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, e->op, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, e->changes, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, e->hash, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc == SQLITE_DONE)
    rc = sqlite3_prepare_v2 (handle,
                             "INSERT INTO meta (key, value) VALUES ('history_head', ?1)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value", -1,
                             &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, head, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                   _("The change history could not be written: %s."), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}
