#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# How long `sodangbo-cli stats --year Y --json` takes as a whole process on a province-sized
# committee: the target is under 200 ms, warm cache, median of 5 runs. Printed, not tested.
#
#   build-aux/benchmark-stats.sh [MEMBERS] [YEAR]      (default 200000 members, year 2024)
#
# Builds if needed, invents the committee with `demo` in a temporary folder (removed afterwards
# unless SDB_KEEP=1; SDB_DB=FILE reuses an existing database instead), runs once to warm the
# cache, then times 5 runs of the whole committee and 5 of its largest top-level organization.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${SDB_BUILD_DIR:-_build}
MEMBERS=${1:-200000}
YEAR=${2:-2024}

say () { printf 'benchmark: %s\n' "$*" >&2; }

if ! [[ $MEMBERS =~ ^[0-9]+$ && $YEAR =~ ^[0-9]{4}$ ]]; then
  echo "usage: build-aux/benchmark-stats.sh [MEMBERS] [YEAR]" >&2
  exit 2
fi
if [ ! -f "$BUILD/build.ninja" ]; then
  say "setting up $BUILD"
  meson setup "$BUILD" -Ddevelopment=true >/dev/null
fi
if ! log=$(meson compile -C "$BUILD" 2>&1); then
  printf '%s\n' "$log" >&2
  exit 1
fi
cli=$BUILD/src/cli/sodangbo-cli

if [ -n "${SDB_DB:-}" ]; then
  db=$SDB_DB
else
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/sdb-benchmark-XXXXXX")
  if [ "${SDB_KEEP:-0}" = 1 ]; then
    trap 'say "kept $tmp"' EXIT
  else
    trap 'rm -rf "$tmp"' EXIT
  fi
  db=$tmp/benchmark.db
  "$cli" --db "$db" init --name "Đảng bộ huyện Sốp Cộp" --committee "Huyện ủy Sốp Cộp" \
    --level district --symbol HU --term 2020-2025 >/dev/null
  say "inventing $MEMBERS members"
  "$cli" --db "$db" demo --members "$MEMBERS" >/dev/null
fi

# The median of 5 runs of "$@", in milliseconds.
median_ms () {
  local times=() start end
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}

largest=$(python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
row = db.execute("""SELECT o.code FROM organization o
                    WHERE o.parent_id IS NULL
                    ORDER BY (SELECT count(*) FROM member m
                              JOIN organization c ON c.id = m.organization_id
                              WHERE c.parent_id = o.id OR c.id = o.id) DESC LIMIT 1""").fetchone()
print(row[0] if row else "")
PY
)

"$cli" --db "$db" stats --year "$YEAR" --json >/dev/null  # warms the cache
members=$("$cli" --db "$db" stats --year "$YEAR" --json | python3 -c \
  'import json, sys; print(json.load(sys.stdin)["members"]["total"])')
printf 'Members on 31/12/%s: %s\n' "$YEAR" "$members"
printf 'stats --year %s --json, whole committee: median of 5 = %s ms (target < 200 ms)\n' \
  "$YEAR" "$(median_ms "$cli" --db "$db" stats --year "$YEAR" --json)"
if [ -n "$largest" ]; then
  printf 'stats --year %s --org %s --json: median of 5 = %s ms\n' "$YEAR" "$largest" \
    "$(median_ms "$cli" --db "$db" stats --year "$YEAR" --org "$largest" --json)"
fi
printf 'report --year %s: median of 5 = %s ms\n' "$YEAR" \
  "$(median_ms "$cli" --db "$db" report --year "$YEAR")"
