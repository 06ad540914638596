#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sodangbo-cli as a script sees it: what it prints, in which language, and its exit codes.
# usage: test-cli.sh PATH/TO/sodangbo-cli PATH/TO/load-sql      (TAP output)
set -u
cli=$1
load_sql=$2
data=${G_TEST_SRCDIR:-$(dirname "$0")/..}/data
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

out=$(LC_ALL=C "$cli" --help); rc=$?
missing=""
for command in info init demo check backup restore stats report import export; do
  grep -qE "^  $command " <<<"$out" || missing="$missing $command"
done
[ $rc = 0 ] && [ -z "$missing" ]; check "--help lists every command${missing:+ (missing:$missing)}" $?

# init: who the committee is.
name="Đảng bộ xã Minh Tân"
LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/c.db" init --name "$name" --committee "Đảng ủy xã Minh Tân" \
  --level commune --symbol ĐU --term 2020-2025 2>/dev/null; rc=$?
out=$(LC_ALL=C "$cli" --db "$tmp/c.db" info); rc2=$?
[ $rc = 0 ] && [ $rc2 = 0 ] && grep -qx "Party organization: $name" <<<"$out"; check "init, then info shows the name" $?
grep -qx "Latest term: 2020–2025\|Current term: 2020–2025" <<<"$out"; check "init records the term" $?

err=$(LC_ALL=C "$cli" --db "$tmp/c.db" init --name "Đảng bộ phường Khác" --committee "Đảng ủy phường Khác" \
        --level commune 2>&1 >/dev/null); rc=$?
out=$(LC_ALL=C "$cli" --db "$tmp/c.db" info)
[ $rc = 1 ] && grep -q "$name" <<<"$err" && grep -qx "Party organization: $name" <<<"$out"
check "init of a database that has a profile exits 1 and changes nothing" $?

err=$(LC_ALL=C "$cli" --db "$tmp/d.db" init --name "$name" --committee "Đảng ủy" --level town 2>&1); rc=$?
[ $rc = 2 ] && grep -q "district | commune | province | grassroots" <<<"$err"; check "a bad level exits 2 and lists the levels" $?

LC_ALL=C "$cli" --db "$tmp/d.db" init --committee "Đảng ủy" --level commune >/dev/null 2>&1; rc=$?
[ $rc = 2 ]; check "init without --name exits 2" $?

err=$(LC_ALL=C "$cli" --db "$tmp/d.db" init --name "$name" --committee " " --level commune \
        --term 2025-2020 --since 31/02/2020 2>&1); rc=$?
[ $rc = 1 ] && grep -q "^error: committee-name: " <<<"$err" && grep -q "^error: last-year: " <<<"$err" \
  && grep -q "^error: since: " <<<"$err"
check "init reports every invalid field at once and exits 1" $?
out=$(LC_ALL=C "$cli" --db "$tmp/d.db" info)
grep -qx "Party organization: not entered yet (run “sodangbo-cli init”)" <<<"$out"; check "refused init writes nothing" $?

# backup and restore.
out=$(LC_ALL=C "$cli" --db "$tmp/c.db" backup -o "$tmp/copy.db"); rc=$?
[ $rc = 0 ] && [ "$out" = "$tmp/copy.db" ] && [ "$(stat -c %a "$tmp/copy.db")" = 600 ]
check "backup -o writes a private copy and prints its name" $?

cp "$tmp/copy.db" "$tmp/copy.before"
LC_ALL=C "$cli" --db "$tmp/c.db" backup -o "$tmp/copy.db" >/dev/null 2>&1; rc=$?
[ $rc = 1 ] && cmp -s "$tmp/copy.db" "$tmp/copy.before"; check "backup never overwrites a file (exit 1)" $?

LC_ALL=C "$cli" --db "$tmp/e.db" info >/dev/null
out=$(LC_ALL=C "$cli" --db "$tmp/e.db" restore "$tmp/copy.db" 2>/dev/null); rc=$?
[ $rc = 0 ] && [ "$out" = "$tmp/e.before-restore-1.db" ] && [ -f "$out" ]
check "restore prints where the old content is kept" $?
out=$(LC_ALL=C "$cli" --db "$tmp/e.db" info)
grep -qx "Party organization: $name" <<<"$out"; check "backup then restore gives the same records" $?

printf 'TT;Họ và tên\n1;Nguyễn Văn A\n' >"$tmp/list.csv"
err=$(LC_ALL=C "$cli" --db "$tmp/c.db" restore "$tmp/list.csv" 2>&1 >/dev/null); rc=$?
out=$(LC_ALL=C "$cli" --db "$tmp/c.db" info)
[ $rc = 3 ] && grep -q "$tmp/list.csv" <<<"$err" && grep -qx "Party organization: $name" <<<"$out" \
  && [ ! -e "$tmp/c.before-restore-1.db" ]
check "restore of a text file exits 3 and leaves the database as it was" $?

# Databases the program cannot use (python3 is there: meson needs it).
python3 - "$tmp/old.db" "$tmp/newer.db" <<'PY'
import sqlite3, sys
old = sqlite3.connect(sys.argv[1])
old.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL); "
                  "INSERT INTO meta VALUES ('created_with', '0.1.0'); PRAGMA user_version = 1;")
old.close()
newer = sqlite3.connect(sys.argv[2])
newer.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL); "
                    "INSERT INTO meta VALUES ('created_with', '99.0.0'); PRAGMA user_version = 999;")
newer.close()
PY
LC_ALL=C "$cli" --db "$tmp/f.db" info >/dev/null
LC_ALL=C "$cli" --db "$tmp/f.db" restore "$tmp/old.db" >/dev/null 2>&1; rc=$?
out=$(LC_ALL=C "$cli" --db "$tmp/f.db" info)
[ $rc = 0 ] && grep -qx "Database version: $(LC_ALL=C "$cli" --db "$tmp/g.db" info | sed -n 's/^Database version: //p')" <<<"$out"
check "restore of an older backup brings it up to date" $?

LC_ALL=C "$cli" --db "$tmp/newer.db" info >/dev/null 2>&1; rc=$?
[ $rc = 3 ]; check "a database from a newer version exits 3" $?
LC_ALL=C "$cli" --db "$tmp/c.db" restore "$tmp/newer.db" >/dev/null 2>&1; rc=$?
[ $rc = 3 ] && [ ! -e "$tmp/c.before-restore-1.db" ]; check "restore of a newer backup exits 3" $?

# A second program holds the write lock: after waiting 5 s, the write gives up with exit 3.
LC_ALL=C "$cli" --db "$tmp/busy.db" info >/dev/null
python3 - "$tmp/busy.db" "$tmp/locked" <<'PY' &
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(20)
PY
locker=$!
for _ in $(seq 50); do [ -e "$tmp/locked" ] && break; sleep 0.1; done
LC_ALL=C "$cli" --db "$tmp/busy.db" init --name "$name" --committee "Đảng ủy xã Minh Tân" \
  --level commune >/dev/null 2>&1; rc=$?
kill "$locker" 2>/dev/null; wait "$locker" 2>/dev/null
[ $rc = 3 ]; check "a database busy with another writer exits 3" $?

# demo and check: invented records pass every rule.
LC_ALL=C "$cli" --db "$tmp/demo.db" demo --members 300 >/dev/null 2>&1; rc=$?
[ $rc = 1 ]; check "demo before init exits 1" $?
LC_ALL=C "$cli" --db "$tmp/demo.db" init --name "$name" --committee "Đảng ủy xã Minh Tân" \
  --level commune --since 2016 2>/dev/null \
  && LC_ALL=C "$cli" --db "$tmp/demo.db" demo --members 300 --seed 1 >/dev/null; rc=$?
[ $rc = 0 ]; check "init, then demo --members 300 succeeds" $?
out=$(LC_ALL=C "$cli" --db "$tmp/demo.db" check 2>"$tmp/check.err"); rc=$?
[ $rc = 0 ] && ! grep -q '^error: ' <<<"$out"; check "check of the invented records exits 0" $?
grep -q '0 errors' "$tmp/check.err"; check "check ends with a summary on stderr" $?

# stats and report on the fixture counted by hand (tests/data/stats/EXPECTED.md).
"$load_sql" "$tmp/fixture.db" "$data/stats/fixture.sql"; rc=$?
[ $rc = 0 ]; check "the stats fixture loads" $?
same_json () {  # same_json EXPECTED-FILE < ACTUAL: equal as JSON values
  python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1])) != json.load(sys.stdin))' "$1"
}
out=$(LC_ALL=C "$cli" --db "$tmp/fixture.db" stats --year 2024 --json); rc=$?
[ $rc = 0 ] && same_json "$data/stats/fixture-2024.json" <<<"$out"
check "stats --year 2024 --json gives the hand-counted figures" $?
grep -q '"excellent": 6.3,' <<<"$out" && grep -q '"percent": 43.8$' <<<"$out"
check "stats --json rounds exact halves up" $?
out=$(LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/fixture.db" stats --year 2024 --org DB01 --json); rc=$?
[ $rc = 0 ] && same_json "$data/stats/fixture-2024-DB01.json" <<<"$out"
check "stats --org counts the organization's subtree" $?
out=$(LC_ALL=C "$cli" --db "$tmp/fixture.db" stats --year 2025 --json); rc=$?
[ $rc = 0 ] && same_json "$data/stats/fixture-2025.json" <<<"$out"
check "stats of a year without ratings has null sections" $?
out=$(LC_ALL=C "$cli" --db "$tmp/fixture.db" stats --from 2023 --to 2025 --json); rc=$?
[ $rc = 0 ] && python3 -c '
import json, sys
series = json.loads(sys.stdin.read())
sys.exit(not ([s["year"] for s in series] == [2023, 2024, 2025]
              and series[1] == json.load(open(sys.argv[1]))))' "$data/stats/fixture-2024.json" <<<"$out"
check "stats --from --to lists one object per year" $?
err=$(LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/fixture.db" stats --year 2024 --org KHONGCO 2>&1 >/dev/null); rc=$?
[ $rc = 1 ] && grep -q "KHONGCO" <<<"$err"; check "stats --org with an unknown code exits 1 and names it" $?
LC_ALL=C "$cli" --db "$tmp/fixture.db" stats >/dev/null 2>&1; rc=$?
[ $rc = 2 ]; check "stats without a year exits 2" $?
out=$(LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/fixture.db" stats --year 2024); rc=$?
[ $rc = 0 ] && grep -q "Số liệu năm 2024: Đảng bộ huyện Minh Tân" <<<"$out" \
  && grep -qE "^  Từ đầu nhiệm kỳ 2020–2025 +7/16 \(43,8%\)$" <<<"$out"
check "stats without --json prints a Vietnamese table" $?
out=$(LC_ALL=C "$cli" --db "$tmp/fixture.db" report --year 2024); rc=$?
[ $rc = 0 ] && diff <(printf '%s\n' "$out") "$data/stats/fixture-2024-report.txt" >/dev/null
check "report --year 2024 writes the reviewed text" $?
LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/fixture.db" report --year 2024 --org DB01 -o "$tmp/db01.txt" >/dev/null; rc=$?
[ $rc = 0 ] && cmp -s "$tmp/db01.txt" "$data/stats/fixture-2024-DB01-report.txt" \
  && [ "$(stat -c %a "$tmp/db01.txt")" = 600 ]
check "report -o writes the organization's review into a private file" $?

# import and export: a round trip through CSV, errors with their lines, refused encodings.
LC_ALL=C "$cli" --db "$tmp/fixture.db" export organizations -o "$tmp/orgs.csv" >/dev/null \
  && LC_ALL=C "$cli" --db "$tmp/fixture.db" export members -o "$tmp/members.csv" >/dev/null; rc=$?
[ $rc = 0 ] && [ "$(stat -c %a "$tmp/members.csv")" = 600 ] \
  && head -c 3 "$tmp/members.csv" | od -An -tx1 | grep -q "ef bb bf"
check "export writes a private CSV file with a BOM" $?
LC_ALL=C "$cli" --db "$tmp/copy.db" init --name "Đảng bộ huyện Minh Tân" --committee "Huyện ủy Minh Tân" \
  --level district --since 2015 >/dev/null 2>&1
LC_ALL=C "$cli" --db "$tmp/copy.db" import organizations "$tmp/orgs.csv" 2>/dev/null \
  && LC_ALL=C "$cli" --db "$tmp/copy.db" import members "$tmp/members.csv" 2>"$tmp/import.err" \
  && LC_ALL=C "$cli" --db "$tmp/copy.db" export members -o "$tmp/members2.csv" >/dev/null; rc=$?
[ $rc = 0 ] && cmp -s "$tmp/members.csv" "$tmp/members2.csv" && grep -q "31 added" "$tmp/import.err"
check "export, import into a new database, export gives the same bytes" $?
printf 'code,full_name,gender,organization_code,admitted_on\nX1,Lò Văn A,nam giới,DB01-01,2015\nX2,Lò Văn B,male,KHONGCO,2015\n' >"$tmp/bad.csv"
before=$(LC_ALL=C "$cli" --db "$tmp/copy.db" export members -o "$tmp/before.csv" >/dev/null; md5sum <"$tmp/before.csv")
err=$(LC_ALL=C "$cli" --db "$tmp/copy.db" import members "$tmp/bad.csv" 2>&1 >/dev/null); rc=$?
after=$(LC_ALL=C "$cli" --db "$tmp/copy.db" export members -o "$tmp/after.csv" >/dev/null; md5sum <"$tmp/after.csv")
[ $rc = 1 ] && grep -q "^$tmp/bad.csv:2: gender: " <<<"$err" \
  && grep -q "^$tmp/bad.csv:3: organization_code: " <<<"$err" && [ "$before" = "$after" ]
check "import with bad rows exits 1, lists each as FILE:LINE: column, and changes nothing" $?
printf 'code,full_name\nX1,Nguy\xea\xe3n V\xe3n A\n' >"$tmp/cp1258.csv"
err=$(LC_ALL=C "$cli" --db "$tmp/copy.db" import members "$tmp/cp1258.csv" 2>&1 >/dev/null); rc=$?
[ $rc = 1 ] && grep -q "CSV UTF-8" <<<"$err"; check "a Windows-1258 file is refused with the hint to save as CSV UTF-8" $?
LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/fixture.db" export members -o "$tmp/members.xlsx" >/dev/null; rc=$?
[ $rc = 0 ] && python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = z.read("xl/sharedStrings.xml").decode()
sys.exit(not ("Họ và tên" in strings and "Nữ" in strings))' "$tmp/members.xlsx"
check "export -o FILE.xlsx writes a sheet with Vietnamese headers and labels" $?
LC_ALL=C "$cli" --db "$tmp/fixture.db" stats --year 2024 -o "$tmp/stats.xlsx" >/dev/null; rc=$?
[ $rc = 0 ] && python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sys.exit("Hoàn thành tốt nhiệm vụ trở lên" not in z.read("xl/sharedStrings.xml").decode())' "$tmp/stats.xlsx"
check "stats --year -o FILE.xlsx writes the year's table" $?

echo "1..$n"
exit $failed
