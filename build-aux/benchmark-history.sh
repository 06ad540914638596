#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What the change history costs (issue "Change history"), printed, not tested: the import of
# MEMBERS members (default 100000) into a database holding only the organizations, with the
# history on and with it switched off by the benchmark's private switch (target: under 30%
# slower with it).
#
#   build-aux/benchmark-history.sh [MEMBERS] [ROUNDS]
#
# SDB_KEEP=1 keeps the temporary folder; SDB_BUILD_DIR chooses the build folder (default _build).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${SDB_BUILD_DIR:-_build}
MEMBERS=${1:-100000}
ROUNDS=${2:-3}

say () { printf 'benchmark: %s\n' "$*" >&2; }

if ! [[ $MEMBERS =~ ^[0-9]+$ && $ROUNDS =~ ^[0-9]+$ ]]; then
  echo "usage: build-aux/benchmark-history.sh [MEMBERS] [ROUNDS]" >&2
  exit 2
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
init "$tmp/source.db"
say "inventing $MEMBERS members"
"$cli" --db "$tmp/source.db" demo --members "$MEMBERS" >/dev/null
"$cli" --db "$tmp/source.db" export members -o "$tmp/members.csv" >/dev/null
"$cli" --db "$tmp/source.db" export organizations -o "$tmp/organizations.csv" >/dev/null
init "$tmp/template.db"
"$cli" --db "$tmp/template.db" import organizations "$tmp/organizations.csv" 2>/dev/null
printf 'Members in the file: %s\n' $(( $(wc -l <"$tmp/members.csv") - 1 ))
"$BUILD/tests/bench-history" "$tmp/template.db" "$tmp/members.csv" "$ROUNDS"
