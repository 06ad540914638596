#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints the one closing line "N passed, N failed[, N skipped]" from meson's testlog.json files.

usage: count-tests.py TESTLOG.json...

`build-aux/dev test` passes three: the main build's, the sanitizer build's (its unit suite again)
and the one build-aux/fuzz-run writes in the same form, one line per fuzz target. The closing line
counts them all; with more than one file, each file's own count goes to stderr first.

A TAP test (one that printed a plan "1..N": every GTest program here) counts each of its subtests; a test that crashed before
reporting all of them counts at least one failure. Any other test counts once, by its result.
Exits 1 when anything failed or nothing ran at all.
"""
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    before = (passed, failed, skipped)
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        print(f"count-tests: {path} is missing: the tests did not run", file=sys.stderr)
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        test = json.loads(line)
        result = test["result"]
        bad_result = result in ("FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS")
        stdout = test.get("stdout", "")
        if re.search(r"^1\.\.\d+", stdout, re.M):
            ok = not_ok = skip = 0
            for out in stdout.splitlines():
                if re.match(r"^ok \d+.*#\s*SKIP", out, re.I):
                    skip += 1
                elif re.match(r"^ok \d+", out):
                    ok += 1
                elif re.match(r"^not ok \d+", out):
                    not_ok += 1
            if bad_result and not_ok == 0:
                not_ok = 1
            passed += ok
            failed += not_ok
            skipped += skip
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
    if len(sys.argv) > 2:
        print(f"count-tests: {path}: {passed - before[0]} passed, {failed - before[1]} failed"
              + (f", {skipped - before[2]} skipped" if skipped > before[2] else ""),
              file=sys.stderr)

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
