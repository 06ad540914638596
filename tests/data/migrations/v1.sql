-- SPDX-License-Identifier: GPL-3.0-or-later
-- A database of schema version 1, written by the program of that version (see README.md
-- beside this file); the migration tests open it with the current program.
PRAGMA user_version = 1;
BEGIN TRANSACTION;
CREATE TABLE meta (  key   TEXT PRIMARY KEY NOT NULL,  value TEXT NOT NULL) STRICT, WITHOUT ROWID;
INSERT INTO "meta" VALUES('created_with','0.1.0');
COMMIT;
