#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sodangbo-cli as a script sees it: what it prints, in which language, and its exit codes.
# usage: test-cli.sh PATH/TO/sodangbo-cli      (TAP output)
set -u
cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0; failed=0
check () {  # check NAME COMMAND-STATUS-OK
  n=$((n + 1))
  if [ "$2" = 0 ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=1; fi
}

out=$(LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/a.db" info); rc=$?
[ $rc = 0 ] && grep -qx "Cơ sở dữ liệu: $tmp/a.db" <<<"$out"; check "info names the database, in Vietnamese" $?
[ -f "$tmp/a.db" ] && [ "$(stat -c %a "$tmp/a.db")" = 600 ]; check "info creates a private database file" $?
grep -qE '^Phiên bản cơ sở dữ liệu: [1-9][0-9]*$' <<<"$out"; check "info tells the schema version of a new database" $?

out=$(LC_ALL=C "$cli" --db "$tmp/a.db" info); rc=$?
[ $rc = 0 ] && grep -qx "Database: $tmp/a.db" <<<"$out"; check "info speaks English in the C locale" $?

err=$(LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/missing/b.db" info 2>&1 >/dev/null); rc=$?
[ $rc = 3 ] && grep -q "Thư mục “$tmp/missing” không tồn tại" <<<"$err"; check "a missing folder exits 3 and says so" $?
[ ! -e "$tmp/missing" ]; check "a missing folder is not created" $?

LC_ALL=C "$cli" frobnicate >/dev/null 2>&1; rc=$?
[ $rc = 2 ]; check "an unknown command exits 2" $?

"$cli" >/dev/null 2>&1; rc=$?
[ $rc = 2 ]; check "no command prints the help and exits 2" $?

out=$("$cli" --version); rc=$?
[ $rc = 0 ] && grep -qE '^sodangbo-cli [0-9]+\.[0-9]+\.[0-9]+$' <<<"$out"; check "--version prints the version" $?

echo "1..$n"
exit $failed
