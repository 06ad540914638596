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

# info only reads: it opens no database that is not there. A new one is made by the program's own
# migrations (load-sql, with no records).
err=$(LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/a.db" info 2>&1 >/dev/null); rc=$?
[ $rc = 3 ] && grep -q "Không mở được cơ sở dữ liệu “$tmp/a.db”" <<<"$err" && [ ! -e "$tmp/a.db" ]
check "info of a missing database exits 3, names it, and creates nothing" $?
: >"$tmp/empty.sql"
"$load_sql" "$tmp/a.db" "$tmp/empty.sql"
out=$(LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/a.db" info); rc=$?
[ $rc = 0 ] && grep -qx "Cơ sở dữ liệu: $tmp/a.db" <<<"$out"; check "info names the database, in Vietnamese" $?
[ -f "$tmp/a.db" ] && [ "$(stat -c %a "$tmp/a.db")" = 600 ]; check "a new database file is private" $?
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
for command in info init demo check backup restore backups stats report import export; do
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

out=$(LC_ALL=C "$cli" --db "$tmp/e.db" restore "$tmp/copy.db" 2>/dev/null); rc=$?
[ $rc = 0 ] && [[ $out == "$tmp/backups/e-"*"-before-restore.db" ]] && [ -f "$out" ] \
  && [ "$(stat -c %a "$tmp/backups")" = 700 ]
check "restore prints where the old content is kept, in the private backups folder" $?
out=$(LC_ALL=C "$cli" --db "$tmp/e.db" info)
grep -qx "Party organization: $name" <<<"$out"; check "backup then restore gives the same records" $?

printf 'TT;Họ và tên\n1;Nguyễn Văn A\n' >"$tmp/list.csv"
err=$(LC_ALL=C "$cli" --db "$tmp/c.db" restore "$tmp/list.csv" 2>&1 >/dev/null); rc=$?
out=$(LC_ALL=C "$cli" --db "$tmp/c.db" info)
[ $rc = 3 ] && grep -q "$tmp/list.csv" <<<"$err" && grep -qx "Party organization: $name" <<<"$out" \
  && ! ls "$tmp/backups/c-"*-before-restore*.db >/dev/null 2>&1
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
LC_ALL=C "$cli" --db "$tmp/f.db" restore "$tmp/old.db" >/dev/null 2>&1; rc=$?
out=$(LC_ALL=C "$cli" --db "$tmp/f.db" info)
[ $rc = 0 ] && grep -qx "Database version: $(LC_ALL=C "$cli" --db "$tmp/a.db" info | sed -n 's/^Database version: //p')" <<<"$out"
check "restore of an older backup brings it up to date" $?
cp "$tmp/old.db" "$tmp/old.before"
err=$(LC_ALL=C "$cli" --db "$tmp/old.db" info 2>&1 >/dev/null); rc=$?
[ $rc = 3 ] && grep -q "“$tmp/old.db” was written by an older version.*where the file can be written" <<<"$err" \
  && cmp -s "$tmp/old.db" "$tmp/old.before"
check "info of an older database exits 3, says to open it once for writing, and changes nothing" $?

LC_ALL=C "$cli" --db "$tmp/newer.db" info >/dev/null 2>&1; rc=$?
[ $rc = 3 ]; check "a database from a newer version exits 3" $?
LC_ALL=C "$cli" --db "$tmp/c.db" restore "$tmp/newer.db" >/dev/null 2>&1; rc=$?
[ $rc = 3 ] && ! ls "$tmp/backups/c-"*-before-restore*.db >/dev/null 2>&1
check "restore of a newer backup exits 3" $?

# A second program holds the write lock: after waiting 5 s, the write gives up with exit 3.
"$load_sql" "$tmp/busy.db" "$tmp/empty.sql"
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
  && out=$(LC_ALL=C "$cli" --db "$tmp/demo.db" demo --members 300 --seed 1); rc=$?
[ $rc = 0 ]; check "init, then demo --members 300 succeeds" $?
# Figures are written the Vietnamese way in every language: "1.000.000", "0,4 s".
grep -Eq '^Invented 300 members from [0-9]{4} to [0-9]{4} in [0-9]+,[0-9] s\.$' <<<"$out"
check "demo says what it invented, its seconds with a decimal comma" $?
out=$(LC_ALL=C "$cli" --db "$tmp/demo.db" demo --members 1000001 2>&1); rc=$?
[ $rc = 1 ] && grep -q 'between 1 and 1\.000\.000\.' <<<"$out"
check "demo refuses too many members, the limit grouped by dots" $?
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
printf 'code,full_name,gender,birth_date,organization_code,admitted_on\nX3,Lò Văn C,male,01/01/1990,DB01-01,01/01/2020\n' >"$tmp/warned.csv"
err=$(LC_ALL=C "$cli" --db "$tmp/copy.db" import members "$tmp/warned.csv" 2>&1 >/dev/null); rc=$?
[ $rc = 0 ] && grep -q "^$tmp/warned.csv:2: official_on: warning: " <<<"$err" \
  && grep -q "^Imported: 1 added" <<<"$err" && grep -q "^1 warning is listed above" <<<"$err"
check "import with warnings imports the rows and counts the warnings after its summary" $?
# On a terminal an import draws its progress on one line, and clears it before its summary;
# where its messages go to a file (import.err above) it draws nothing.
printf 'code,full_name,gender,birth_date,organization_code,admitted_on,official_on\nX4,Lò Văn D,male,01/01/1990,DB01-01,01/01/2020,01/01/2021\n' >"$tmp/one.csv"
out=$(LC_ALL=C script -qec "'$cli' --db '$tmp/copy.db' import members '$tmp/one.csv'" /dev/null \
  </dev/null); rc=$?
[ $rc = 0 ] && grep -q "Importing: 1 of 1 rows, saving" <<<"$out" \
  && grep -q $'\r\033\[KImported: 1 added' <<<"$out" && ! grep -q "Importing" "$tmp/import.err"
check "import draws its progress on a terminal only, and clears it before its summary" $?
# So do undo and check, in percent.
change=$(sed -n 's/.*are import \([0-9]*\):.*/\1/p' <<<"$out")
out=$(LC_ALL=C script -qec "'$cli' --db '$tmp/copy.db' undo '$change'" /dev/null </dev/null); rc=$?
[ $rc = 0 ] && [ -n "$change" ] && grep -q "Undoing: 100%, saving" <<<"$out" \
  && grep -q $'\r\033\[KChange '"$change"' undone: 2 rows put back' <<<"$out"
check "undo draws its progress on a terminal and clears it before its summary" $?
out=$(LC_ALL=C script -qec "'$cli' --db '$tmp/copy.db' check" /dev/null </dev/null); rc=$?
[ $rc = 0 ] && grep -q "Checking: 100%" <<<"$out" \
  && grep -q $'\r\033\[KCheck finished: 0 errors' <<<"$out" && ! grep -q "Checking" "$tmp/check.err"
check "check draws its progress on a terminal only, and clears it before its summary" $?
printf 'code,full_name\nX1,Nguy\xea\xe3n V\xe3n A\n' >"$tmp/cp1258.csv"
err=$(LC_ALL=C "$cli" --db "$tmp/copy.db" import members "$tmp/cp1258.csv" 2>&1 >/dev/null); rc=$?
[ $rc = 1 ] && grep -q "CSV UTF-8" <<<"$err"; check "a Windows-1258 file is refused with the hint to save as CSV UTF-8" $?
LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/fixture.db" export members -o "$tmp/members.xlsx" >/dev/null; rc=$?
[ $rc = 0 ] && python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode()
sys.exit(not ("Họ và tên" in sheet and "Nữ" in sheet))' "$tmp/members.xlsx"
check "export -o FILE.xlsx writes a sheet with Vietnamese headers and labels" $?
LC_ALL=C "$cli" --db "$tmp/fixture.db" stats --year 2024 -o "$tmp/stats.xlsx" >/dev/null; rc=$?
[ $rc = 0 ] && python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sys.exit("Hoàn thành tốt nhiệm vụ trở lên" not in z.read("xl/sharedStrings.xml").decode())' "$tmp/stats.xlsx"
check "stats --year -o FILE.xlsx writes the year's table" $?

# Automatic backups: before an import, listed by `backups`, restored by name.
mkdir -p "$tmp/auto"
LC_ALL=C "$cli" --db "$tmp/auto/a.db" init --name "Đảng bộ xã Minh Tân" --committee "Đảng ủy xã Minh Tân" \
  --level commune --since 2015 >/dev/null 2>&1
out=$(LC_ALL=C "$cli" --db "$tmp/auto/a.db" backups 2>&1); rc=$?
[ $rc = 0 ] && grep -q "no automatic backups" <<<"$out"; check "backups of a new database lists none" $?
LC_ALL=C "$cli" --db "$tmp/auto/a.db" import organizations "$tmp/orgs.csv" >/dev/null 2>&1
out=$(LC_ALL=C "$cli" --db "$tmp/auto/a.db" backups 2>/dev/null); rc=$?
name=$(sed -n 's/^\(a-[0-9]\{8\}-[0-9]\{6\}-before-import\.db\) .*/\1/p' <<<"$out" | head -n 1)
[ $rc = 0 ] && [ -n "$name" ] && grep -qE '^a-[0-9]{8}-[0-9]{6}-before-import\.db  [0-9]{2}/[0-9]{2}/[0-9]{4} ' <<<"$out"
check "an import leaves a backup of the state before it, listed with its date and size" $?
LC_ALL=C "$cli" --db "$tmp/auto/a.db" restore "$name" >/dev/null 2>&1; rc=$?
n_orgs=$(LC_ALL=C "$cli" --db "$tmp/auto/a.db" export organizations -o "$tmp/auto/o.csv" >/dev/null; \
         tail -n +2 "$tmp/auto/o.csv" | wc -l)
[ $rc = 0 ] && [ "$n_orgs" = 0 ] && LC_ALL=C "$cli" --db "$tmp/auto/a.db" check >/dev/null 2>&1
check "restore NAME takes a listed backup: the records before the import, and check passes" $?
LC_ALL=C "$cli" --db "$tmp/auto/a.db" stats --year 2024 --json >/dev/null 2>&1
LC_ALL=C "$cli" --db "$tmp/auto/a.db" report --year 2024 >/dev/null 2>&1
n_before=$(ls "$tmp/auto/backups" | wc -l)
LC_ALL=C "$cli" --db "$tmp/auto/a.db" check >/dev/null 2>&1
[ "$(ls "$tmp/auto/backups" | wc -l)" = "$n_before" ]; check "read-only commands make no backup" $?

# Faults. A file that is not a database, a truncated one and one with a damaged page: check exits
# 3, names the file, and leaves it byte for byte as it was (a damaged file is never repaired in
# place).
mkdir -p "$tmp/faults"
printf 'Biên bản hội nghị Ban Chấp hành\n' >"$tmp/faults/notes.db"
cp "$tmp/demo.db" "$tmp/faults/cut.db"
truncate -s $(( $(stat -c %s "$tmp/faults/cut.db") / 2 )) "$tmp/faults/cut.db"
cp "$tmp/demo.db" "$tmp/faults/damaged.db"
python3 - "$tmp/faults/damaged.db" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:  # a bad sector: a page of records or index in the middle
    data = f.read()
    size = int.from_bytes(data[16:18], "big")
    page = next(p for p in range(len(data) // size // 2, len(data) // size)
                if data[p * size] in (0x02, 0x05, 0x0a, 0x0d))
    f.seek(page * size)
    f.write(bytes((0xa5 ^ (i * 7)) & 0xff for i in range(size)))
PY
for fault in "notes:a file that is not a database" "cut:a truncated database" \
             "damaged:a database with a damaged page"; do
  f=$tmp/faults/${fault%%:*}.db
  cp "$f" "$f.orig"
  err=$(LC_ALL=C "$cli" --db "$f" check 2>&1 >/dev/null); rc=$?
  [ $rc = 3 ] && grep -q "“$f”.*The file has not been changed\. .*a backup" <<<"$err" \
    && cmp -s "$f" "$f.orig" && [ ! -e "$f-wal" ]
  check "check of ${fault#*:} exits 3, says so and leaves the file byte for byte" $?
done
err=$(LC_ALL=vi_VN.UTF-8 "$cli" --db "$tmp/faults/damaged.db" check 2>&1 >/dev/null); rc=$?
[ $rc = 3 ] && grep -q "“$tmp/faults/damaged.db” đã bị hỏng.*Tệp chưa bị thay đổi" <<<"$err"
check "a damaged database is reported in Vietnamese" $?

# A full disk and a read-only disk, as a small tmpfs in a mount namespace of our own (root, or a
# user namespace): exit 3, a message that says what to do, and the records as they were.
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
mnt=$tmp/faults/mnt
mkdir -p "$mnt"
namespace=""
for u in "unshare -m" "unshare -rm"; do
  if $u sh -c "mount -t tmpfs -o size=64k tmpfs '$mnt'" 2>/dev/null; then namespace=$u; break; fi
done
LC_ALL=C "$cli" --db "$tmp/faults/full.db" init --name "Đảng bộ huyện Minh Tân" \
  --committee "Huyện ủy Minh Tân" --level district --since 2015 >/dev/null 2>&1 \
  && LC_ALL=C "$cli" --db "$tmp/faults/full.db" import organizations "$tmp/orgs.csv" >/dev/null 2>&1
python3 - "$tmp/faults/new-members.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("code,full_name,gender,birth_date,organization_code,admitted_on,official_on,notes\n")
    for i in range(1, 3001):
        f.write(f"N{i:04},Lò Văn Số {i},male,01/01/1990,DB01-01,05/05/2015,05/05/2016,{'x' * 300}\n")
PY
LC_ALL=C "$cli" --db "$tmp/faults/full.db" export members -o "$tmp/faults/before.csv" >/dev/null
if [ -n "$namespace" ]; then
  # Room for the database, its -shm and the backup made before an import, not for 3000 members.
  size=$(( $(stat -c %s "$tmp/faults/full.db") * 2 / 1024 + 256 ))
  # A copy of the hand-counted fixture whose -wal holds a change not yet in the file, as a program
  # cut off while writing leaves it: what only reads must see that change too.
  cp "$tmp/fixture.db" "$tmp/faults/wal.db"
  python3 - "$tmp/faults/wal.db" <<'PY'
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("UPDATE meta SET value = '9.9.9' WHERE key = 'created_with'")
os._exit(0)  # no checkpoint: the change stays in the -wal
PY
  LC_ALL=C "$cli" --db "$tmp/demo.db" check >/dev/null 2>&1; check_rc=$?
  $namespace bash -s "$cli" "$tmp/faults" "$mnt" "$size" "$tmp" <<'SH'
cli=$1 dir=$2 mnt=$3 size=$4 tmp=$5
mount -t tmpfs -o size=${size}k tmpfs "$mnt" && cp "$dir/full.db" "$mnt/full.db" || exit 1
LC_ALL=C "$cli" --db "$mnt/full.db" import members "$dir/new-members.csv" >/dev/null 2>"$dir/full.err"
echo $? >"$dir/full.rc"
LC_ALL=C "$cli" --db "$mnt/full.db" export members -o "$dir/after-full.csv" >/dev/null 2>&1
# A read-only disk with room enough, such as a USB stick with its lock switch on.
umount "$mnt" && mount -t tmpfs -o size=16m tmpfs "$mnt" || exit 1
cp "$dir/full.db" "$mnt/ro.db" && cp "$tmp/fixture.db" "$tmp/demo.db" "$dir"/wal.db* "$mnt/" \
  && mount -o remount,ro "$mnt" || exit 1
LC_ALL=C "$cli" --db "$mnt/ro.db" import members "$dir/new-members.csv" >/dev/null 2>"$dir/ro.err"
echo $? >"$dir/ro.rc"
cmp -s "$mnt/ro.db" "$dir/full.db" && [ ! -e "$mnt/ro.db-wal" ]; echo $? >"$dir/ro.same"
# The commands that only read, each with its exit status.
{ LC_ALL=C "$cli" --db "$mnt/fixture.db" info >"$dir/ro-info.out"; echo "info $?"
  LC_ALL=C "$cli" --db "$mnt/demo.db" check >/dev/null 2>&1; echo "check $?"
  LC_ALL=C "$cli" --db "$mnt/fixture.db" stats --year 2024 --json >"$dir/ro-stats.json"; echo "stats $?"
  LC_ALL=C "$cli" --db "$mnt/fixture.db" export members -o "$dir/ro-members.csv" >/dev/null
  echo "export $?"
  LC_ALL=C "$cli" --db "$mnt/wal.db" info >"$dir/ro-wal.out"; echo "wal $?"
  LC_ALL=C "$cli" --db "$mnt/fixture.db" report --year 2024 >"$dir/ro-report.txt"; echo "report $?"
  LC_ALL=C "$cli" --db "$mnt/fixture.db" backup -o "$dir/ro-copy.db" >/dev/null; echo "backup $?"
  LC_ALL=C "$cli" --db "$mnt/fixture.db" backups >/dev/null 2>&1; echo "backups $?"
} >"$dir/ro-read.rc" 2>"$dir/ro-read.err"
SH
  [ "$(cat "$tmp/faults/full.rc" 2>/dev/null)" = 3 ] \
    && grep -q "“$mnt/.*” is full\. .*free some space" "$tmp/faults/full.err" \
    && cmp -s "$tmp/faults/before.csv" "$tmp/faults/after-full.csv"
  check "an import on a full disk exits 3, says to free space, and adds no member" $?
  [ "$(cat "$tmp/faults/ro.rc" 2>/dev/null)" = 3 ] \
    && grep -q "“$mnt/ro.db” cannot be written: .*read-only.*permission to write there" "$tmp/faults/ro.err" \
    && [ "$(cat "$tmp/faults/ro.same" 2>/dev/null)" = 0 ]
  check "an import into a database on a read-only disk exits 3, says what to do, changes nothing" $?
  rcs=$(cat "$tmp/faults/ro-read.rc" 2>/dev/null)
  grep -qx "info 0" <<<"$rcs" && grep -qx "Database: $mnt/fixture.db" "$tmp/faults/ro-info.out" \
    && diff <(LC_ALL=C "$cli" --db "$tmp/fixture.db" info | sed 1d) <(sed 1d "$tmp/faults/ro-info.out") >/dev/null
  check "info on a read-only disk tells what it tells on a writable one" $?
  grep -qx "check $check_rc" <<<"$rcs" && [ "$check_rc" = 0 ]
  check "check works on a read-only disk and finds what it finds on a writable one" $?
  grep -qx "stats 0" <<<"$rcs" && same_json "$data/stats/fixture-2024.json" <"$tmp/faults/ro-stats.json"
  check "stats --year on a read-only disk gives the hand-counted figures" $?
  grep -qx "export 0" <<<"$rcs" && cmp -s "$tmp/members.csv" "$tmp/faults/ro-members.csv"
  check "export members from a read-only disk writes the same file as from a writable one" $?
  grep -qx "wal 0" <<<"$rcs" && grep -qx "Created by program version: 9.9.9" "$tmp/faults/ro-wal.out"
  check "on a read-only disk, the change waiting in the -wal of a program cut off is read too" $?
  grep -qx "report 0" <<<"$rcs" && diff "$tmp/faults/ro-report.txt" "$data/stats/fixture-2024-report.txt" >/dev/null \
    && grep -qx "backup 0" <<<"$rcs" && grep -qx "backups 0" <<<"$rcs" \
    && LC_ALL=C "$cli" --db "$tmp/faults/ro-copy.db" export members -o "$tmp/faults/ro-copy.csv" >/dev/null \
    && cmp -s "$tmp/faults/ro-copy.csv" "$tmp/members.csv"
  check "report, backup -o and backups work on a read-only disk" $?
  if [ -s "$tmp/faults/ro-read.err" ]; then sed 's/^/# /' "$tmp/faults/ro-read.err"; fi
else
  skip "an import on a full disk exits 3" "no mount namespace here"
  skip "an import into a database on a read-only disk exits 3" "no mount namespace here"
  skip "the commands that only read work on a read-only disk" "no mount namespace here"
fi

echo "1..$n"
exit $failed
