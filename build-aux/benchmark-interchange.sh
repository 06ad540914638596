#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CSV interchange at province scale (issue "CSV and XLSX"), printed, not tested:
#   - export of every member to CSV (target: under 3 s), and to XLSX;
#   - import of that file into a database holding only the organizations (target: under 5 s),
#     beside the sqlite3 shell's .import of the same file into a bare table, with the ratio
#     (aim: within 3x);
#   - two floors: the rows put into the real tables by plain SQL, and the rows the import wrote
#     written again one statement each, as the import writes them (tests/bench/bench-rows.c).
#
#   build-aux/benchmark-interchange.sh [MEMBERS]      (default 200000)
#
# SDB_DB=FILE reuses an existing database instead of inventing one; SDB_KEEP=1 keeps the
# temporary folder; SDB_BUILD_DIR chooses the build folder (default _build).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${SDB_BUILD_DIR:-_build}
MEMBERS=${1:-200000}

say () { printf 'benchmark: %s\n' "$*" >&2; }

if ! [[ $MEMBERS =~ ^[0-9]+$ ]]; then
  echo "usage: build-aux/benchmark-interchange.sh [MEMBERS]" >&2
  exit 2
fi
if ! command -v sqlite3 >/dev/null; then
  echo "benchmark: the sqlite3 shell is missing: build-aux/dev test installs it (package sqlite3)" >&2
  exit 1
fi
if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" -Ddevelopment=true >/dev/null
fi
if ! log=$(meson compile -C "$BUILD" 2>&1); then
  printf '%s\n' "$log" >&2
  exit 1
fi
cli=$BUILD/src/cli/sodangbo-cli

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sdb-benchmark-XXXXXX")
if [ "${SDB_KEEP:-0}" = 1 ]; then trap 'say "kept $tmp"' EXIT; else trap 'rm -rf "$tmp"' EXIT; fi

init () {
  "$cli" --db "$1" init --name "Đảng bộ huyện Sốp Cộp" --committee "Huyện ủy Sốp Cộp" \
    --level district --symbol HU --term 2020-2025 --since 1950 >/dev/null 2>&1
}
if [ -n "${SDB_DB:-}" ]; then
  db=$SDB_DB
else
  db=$tmp/source.db
  init "$db"
  say "inventing $MEMBERS members"
  "$cli" --db "$db" demo --members "$MEMBERS" >/dev/null
fi

ms () { echo $(( ($2 - $1) / 1000000 )); }
seconds () { printf '%d.%03d s' $(($1 / 1000)) $(($1 % 1000)); }

start=$(date +%s%N)
"$cli" --db "$db" export members -o "$tmp/members.csv" >/dev/null
end=$(date +%s%N)
export_ms=$(ms "$start" "$end")
rows=$(( $(wc -l <"$tmp/members.csv") - 1 ))
printf 'Export of %s members to CSV: %s (%s bytes; target < 3 s)\n' "$rows" \
  "$(seconds "$export_ms")" "$(stat -c %s "$tmp/members.csv")"
start=$(date +%s%N)
"$cli" --db "$db" export members -o "$tmp/members.xlsx" >/dev/null
end=$(date +%s%N)
printf 'Export of them to XLSX: %s (%s bytes)\n' "$(seconds "$(ms "$start" "$end")")" \
  "$(stat -c %s "$tmp/members.xlsx")"

"$cli" --db "$db" export organizations -o "$tmp/organizations.csv" >/dev/null
init "$tmp/target.db"
"$cli" --db "$tmp/target.db" import organizations "$tmp/organizations.csv" 2>/dev/null
cp "$tmp/target.db" "$tmp/template.db"

start=$(date +%s%N)
LANGUAGE= LC_ALL=C.UTF-8 "$cli" --db "$tmp/target.db" import members "$tmp/members.csv" \
  2>"$tmp/import.log" >/dev/null
end=$(date +%s%N)
import_ms=$(ms "$start" "$end")
printf 'Import of them into a database holding only the organizations: %s (target < 5 s)\n' \
  "$(seconds "$import_ms")"
# Its summary and how many warnings it printed (members still probationary, say).
grep -E '^(Imported: |[0-9.]+ warnings? (is|are) listed)' "$tmp/import.log" || true

start=$(date +%s%N)
sqlite3 "$tmp/bare.db" ".mode csv" ".import $tmp/members.csv bare"
end=$(date +%s%N)
bare_ms=$(( $(ms "$start" "$end") > 0 ? $(ms "$start" "$end") : 1 ))
printf "sqlite3 shell's .import of the same file into a bare table: %s\n" "$(seconds "$bare_ms")"
printf 'Ratio: %d.%01dx (aim: within 3x)\n' $((import_ms / bare_ms)) $(((import_ms * 10 / bare_ms) % 10))

# The floor for the real schema: the same rows put straight into member and member_event, with
# their indexes and foreign keys but without validation, sort keys or history (random keys),
# through a page cache as large as the program's own (with the shell's default of 2 MB the
# random keys make it twice as slow).
init "$tmp/floor.db"
"$cli" --db "$tmp/floor.db" import organizations "$tmp/organizations.csv" 2>/dev/null
# The history's triggers call the program's own functions, which the shell lacks.
sqlite3 "$tmp/floor.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema
                         WHERE type = 'trigger' AND name LIKE 'history_%'" | sqlite3 "$tmp/floor.db"
start=$(date +%s%N)
sqlite3 "$tmp/floor.db" "PRAGMA cache_size = -32768; ATTACH '$tmp/bare.db' AS b; BEGIN;
  INSERT INTO member (code, full_name, name_key, search_key, gender, birth_date, admission_date,
                      official_date, organization_id)
  SELECT code, full_name, randomblob (60), lower (full_name), gender, birth_date, admitted_on,
         official_on, (SELECT id FROM organization WHERE code = organization_code) FROM b.bare;
  INSERT INTO member_event (member_id, date, kind, organization_id)
  SELECT id, ifnull (admission_date, '2000'), 'admitted', organization_id FROM member;
  COMMIT;"
end=$(date +%s%N)
floor_ms=$(ms "$start" "$end")
printf 'The same members inserted by plain SQL into the real tables (one event each; no validation, sort keys or history): %s\n' \
  "$(seconds "$floor_ms")"

# The floor of the import's own way of writing: exactly the rows it wrote, one prepared INSERT
# each in one transaction, its indexes set aside and made again, the change history on (and
# off), without reading the file, validation or sort keys.
"$BUILD/tests/bench-rows" "$tmp/template.db" "$tmp/members.csv" 3 2>/dev/null
