#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two processes at once on one database (issue "Nothing lost"), as TAP.

    test-concurrency.py PATH/TO/sodangbo-cli

- An import writes while another process reads `stats` again and again: every read succeeds at
  once with the figures from before the import or from after it, never a mix; the import
  completes and `check` passes.
- Two writers: the second waits its 5 s, then gives up with the busy error (exit 3) and changes
  nothing; the first completes; `check` passes.

To be sure the second process comes while the first one is writing, the first is stopped
(SIGSTOP) while it holds SQLite's write lock, and let go (SIGCONT) afterwards.
"""

import fcntl
import json
import os
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time

CLI = os.path.abspath(sys.argv[1])
ENV = dict(os.environ, LC_ALL="C", LANGUAGE="")
YEAR = "2024"
number = 0
failed = False
started = []  # every process started, so that none is left stopped if the test breaks


def ok(passed, name):
    global number, failed
    number += 1
    print(f"{'ok' if passed else 'not ok'} {number} - {name}", flush=True)
    failed = failed or not passed


def note(text):
    for line in text.rstrip().splitlines():
        print(f"# {line}", flush=True)


def cli(db, *args, timeout=120):
    return subprocess.run([CLI, "--db", db, *args], env=ENV, capture_output=True, text=True,
                          timeout=timeout)


def must(db, *args):
    result = cli(db, *args)
    if result.returncode != 0:
        print(f"Bail out! sodangbo-cli {' '.join(args)} exits {result.returncode}: "
              f"{result.stderr.strip()}", flush=True)
        sys.exit(1)
    return result


def start(db, *args):
    """Starts sodangbo-cli; its messages go to a file (a full pipe would hold it up)."""
    with open(db + ".stderr", "wb") as stderr:
        process = subprocess.Popen([CLI, "--db", db, *args], env=ENV, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
    started.append(process)
    return process


def messages(db):
    with open(db + ".stderr", encoding="utf-8", errors="replace") as f:
        return f.read()


def stats(db):
    """The year's figures as JSON, or None when the read failed."""
    result = cli(db, "stats", "--year", YEAR, "--json")
    return json.loads(result.stdout) if result.returncode == 0 else None


def check_passes(db):
    result = cli(db, "check")
    errors = [line for line in result.stdout.splitlines() if line.startswith("error:")]
    if result.returncode != 0 or errors:
        note(result.stdout + result.stderr)
    return result.returncode == 0 and not errors


def normalize(table, row):
    """The change history's entries hold the time they were written, and their hashes follow
    from it; `check` verifies the chain itself."""
    if table == "history":
        return row[:3] + ("(time)",) + row[4:12] + ("(hash)",)
    if table == "meta" and row[0] == "history_head":
        return (row[0], row[1].split(":")[0] + ":(hash)")
    return row


def dump(db):
    """Every row of every table but the planner's statistics, sorted."""
    con = sqlite3.connect(f"file:{db}?mode=rw", uri=True)
    try:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'"
                                            " AND name NOT LIKE 'sqlite_stat%' ORDER BY name")]
        return {t: sorted(repr(normalize(t, row)) for row in con.execute(f'SELECT * FROM "{t}"'))
                for t in tables}
    finally:
        con.close()


# SQLite's locks on a WAL database are POSIX locks on bytes of the "-shm" file
# (https://sqlite.org/walformat.html): WAL_WRITE_LOCK on byte 120, WAL_RECOVER_LOCK on byte 122,
# the five read locks on bytes 123-127. Asking who holds one takes no lock.
WRITE_LOCK = 120
RECOVER_LOCK = 122
READ_LOCKS = range(123, 128)
FLOCK = "hhqqi4x"  # struct flock on Linux: l_type, l_whence, l_start, l_len, l_pid


def holder(db, byte):
    """The process that holds the lock on @byte of the "-shm" file of @db, or 0."""
    try:
        fd = os.open(db + "-shm", os.O_RDONLY)
    except OSError:
        return 0
    try:
        query = struct.pack(FLOCK, fcntl.F_WRLCK, os.SEEK_SET, byte, 1, 0)
        l_type, _, _, _, pid = struct.unpack(FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, query))
    except OSError:
        return 0
    finally:
        os.close(fd)
    return pid if l_type != fcntl.F_UNLCK else 0


def writing(db, process):
    """Whether @process is inside a write transaction on @db: it holds the write lock and a read
    lock (a writer reads too). The first connection to a database also takes the write lock,
    without a read lock, to set up or rebuild the WAL index; readers wait for that (microseconds
    in real life), so a process stopped there is not writing but blocking everyone."""
    return (holder(db, WRITE_LOCK) == process.pid and holder(db, RECOVER_LOCK) == 0
            and any(holder(db, byte) == process.pid for byte in READ_LOCKS))


def stop_while_writing(db, process):
    """Stops @process at a moment it is writing to @db; False if it never did."""
    while process.poll() is None:
        if writing(db, process):
            process.send_signal(signal.SIGSTOP)
            if writing(db, process):
                return True
            process.send_signal(signal.SIGCONT)
        time.sleep(0.0001)
    return False


def main():
    tmp = tempfile.mkdtemp(prefix="sdb-concurrency-")
    try:
        run(tmp)
    finally:
        for process in started:
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.kill()
                process.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"1..{number}", flush=True)
    return 1 if failed else 0


def run(tmp):
    # A committee, and a database holding only its organizations, for its members to go into.
    source = os.path.join(tmp, "source", "committee.db")
    os.makedirs(os.path.dirname(source))
    profile = ["init", "--name", "Đảng bộ huyện Sốp Cộp", "--committee", "Huyện ủy Sốp Cộp",
               "--level", "district", "--symbol", "HU", "--term", "2020-2025", "--since", "1950"]
    must(source, *profile)
    must(source, "demo", "--members", "2000", "--seed", "3")
    files = {}
    for kind in ("organizations", "members", "targets"):
        files[kind] = os.path.join(tmp, f"{kind}.csv")
        must(source, "export", kind, "-o", files[kind])
    template = os.path.join(tmp, "template.db")
    must(template, *profile)
    must(template, "import", "organizations", files["organizations"])

    def fresh(name):
        folder = os.path.join(tmp, name)
        os.makedirs(folder)
        db = os.path.join(folder, "committee.db")
        shutil.copyfile(template, db)
        return db

    reference = fresh("reference")
    before = stats(reference)
    must(reference, "import", "members", files["members"])
    after = stats(reference)
    after_rows = dump(reference)
    if before is None or after is None or before == after:
        print("Bail out! stats does not tell the committee before the import from after it",
              flush=True)
        sys.exit(1)

    # An import while another process reads the figures.
    db = fresh("reading")
    importer = start(db, "import", "members", files["members"])
    stopped = stop_while_writing(db, importer)
    reads = []
    if stopped:
        for _ in range(3):
            began = time.monotonic()
            reads.append((stats(db), time.monotonic() - began))
        importer.send_signal(signal.SIGCONT)
    # A reader that waited for the writer would take the 5 s of the busy timeout.
    ok(stopped and all(figures == before and took < 4 for figures, took in reads),
       "stats answers at once while an import holds the write lock, with the figures from "
       "before it")
    if not stopped:
        note("the import never held the write lock")
    for figures, took in reads:
        if figures != before:
            note(f"a read during the import gave {figures}")

    mixed = failures = count = 0
    while importer.poll() is None or count == 0:
        figures = stats(db)
        count += 1
        failures += figures is None
        mixed += figures is not None and figures not in (before, after)
    ok(failures == 0 and mixed == 0,
       f"stats keeps answering through the import ({count} reads), each time with the figures "
       "before or after it")
    if failures or mixed:
        note(f"{failures} reads failed, {mixed} gave figures neither before nor after")
    ok(importer.returncode == 0 and stats(db) == after,
       "the import completes, and stats then gives the figures after it")
    if importer.returncode != 0:
        note(f"the import exits {importer.returncode}: {messages(db)}")
    ok(dump(db) == after_rows and check_passes(db),
       "after an import read by another process, the data is whole and check passes")

    # Two writers at once.
    db = fresh("writers")
    first = start(db, "import", "members", files["members"])
    stopped = stop_while_writing(db, first)
    began = time.monotonic()
    second = cli(db, "import", "targets", files["targets"])
    waited = time.monotonic() - began
    if stopped:
        first.send_signal(signal.SIGCONT)
    ok(stopped and second.returncode == 3 and waited >= 4.9 and "busy" in second.stderr,
       "a second writer waits 5 s, then exits 3 with the busy error")
    if not stopped:
        note("the first writer never held the write lock")
    else:
        note(f"the second writer gave up after {waited:.1f} s, exit {second.returncode}: "
             f"{second.stderr.strip()}")
    first.wait(timeout=120)
    ok(first.returncode == 0, "the first writer then completes")
    if first.returncode != 0:
        note(f"the first writer exits {first.returncode}: {messages(db)}")
    ok(dump(db) == after_rows and check_passes(db),
       "the data is the first writer's alone, and check passes")


if __name__ == "__main__":
    sys.exit(main())
