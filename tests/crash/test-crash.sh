#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# build-aux/crash-test with 10 kills, as TAP: every kill of import, demo, restore or a stream of
# edits leaves the data exactly as before or after the command, and check passes.
# usage: test-crash.sh PATH/TO/sodangbo-cli PATH/TO/crash-test
set -u
cli=$1
crash_test=$2

out=$(python3 "$crash_test" --cli "$cli" 10 2>&1); rc=$?
sed 's/^/# /' <<<"$out"
if [ $rc = 0 ] && grep -qE '^crash-test: 10 kills: .*; 0 damaged$' <<<"$out"; then
  echo "ok 1 - 10 kills at random moments leave the data as before or after, and check passes"
else
  echo "not ok 1 - 10 kills at random moments leave the data as before or after, and check passes"
fi
echo "1..1"
[ $rc = 0 ]
