#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# How long `sodangbo-cli demo` takes to invent a province-sized committee, and how large the
# database grows: the target is 200.000 members over 2016-2025 in under 10 s and 250 MB.
#
#   build-aux/benchmark-demo.sh [MEMBERS]      (default 200000)
#
# Builds if needed, creates a fresh database in a temporary folder, times the demo command, and
# prints the elapsed time, the file's size and the row counts of the main tables. The folder is
# removed afterwards unless SDB_KEEP=1. SDB_BUILD_DIR chooses the build folder (default _build).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${SDB_BUILD_DIR:-_build}
MEMBERS=${1:-200000}

say () { printf 'benchmark: %s\n' "$*" >&2; }

if ! [[ $MEMBERS =~ ^[0-9]+$ ]]; then
  echo "usage: build-aux/benchmark-demo.sh [MEMBERS]" >&2
  exit 2
fi

if [ ! -f "$BUILD/build.ninja" ]; then
  say "setting up $BUILD"
  meson setup "$BUILD" -Ddevelopment=true >/dev/null
fi
# A stale binary would measure old code: compile, quietly unless it fails.
if ! log=$(meson compile -C "$BUILD" 2>&1); then
  printf '%s\n' "$log" >&2
  exit 1
fi
cli=$BUILD/src/cli/sodangbo-cli

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sdb-benchmark-XXXXXX")
if [ "${SDB_KEEP:-0}" = 1 ]; then
  trap 'say "kept $tmp"' EXIT
else
  trap 'rm -rf "$tmp"' EXIT
fi
db=$tmp/benchmark.db

"$cli" --db "$db" init --name "Đảng bộ huyện Sốp Cộp" --committee "Huyện ủy Sốp Cộp" \
  --level district --symbol HU --term 2020-2025

start=$(date +%s%N)
"$cli" --db "$db" demo --members "$MEMBERS"
end=$(date +%s%N)

elapsed_ms=$(( (end - start) / 1000000 ))
bytes=$(stat -c %s "$db")
printf 'Members asked for: %s\n' "$MEMBERS"
printf 'Elapsed: %d.%03d s\n' $((elapsed_ms / 1000)) $((elapsed_ms % 1000))
printf 'Database: %s (%s bytes)\n' "$(numfmt --to=iec-i --suffix=B --format=%.1f "$bytes")" "$bytes"
for extra in "$db-wal" "$db-journal"; do
  if [ -e "$extra" ]; then
    printf 'Left beside it: %s (%s bytes)\n' "$(basename "$extra")" "$(stat -c %s "$extra")"
  fi
done

# Python's sqlite3 reads the counts: the sqlite3 shell is not among the build's packages.
python3 - "$db" <<'EOF'
import sqlite3
import sys

tables = [
    "sector", "organization", "organization_event", "member", "member_event",
    "member_exemption", "member_rating", "organization_rating", "term", "admission_target",
    "meeting", "meeting_attendee", "meeting_document", "award", "badge",
]
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print("Rows:")
for table in tables:
    (count,) = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    print(f"  {table:<22}{count:>10}")
EOF
