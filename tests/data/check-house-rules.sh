#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The rules of STYLE.md that a grep can check: version checks (of GTK, libadwaita, GLib, Nettle,
# SQLite) live only in src/compat, the core never includes GTK, no SQL outside src/core, and the
# committee's level is data, not a string.
set -u
cd "$1" || exit 2
status=0
fail () { echo "house rules: $*"; status=1; }

hits=$(grep -rnE '(GTK|ADW|GLIB)_CHECK_VERSION|gtk_check_version|adw_get_(major|minor)_version|NETTLE_VERSION_|SQLITE_VERSION_NUMBER' src \
         | grep -v '^src/compat/')
[ -z "$hits" ] || fail "version checks outside src/compat/:"$'\n'"$hits"

hits=$(grep -rnE '#include <(gtk|adwaita|gdk)' src/core src/cli)
[ -z "$hits" ] || fail "src/core and src/cli must not include GTK:"$'\n'"$hits"

hits=$(grep -rnE 'sqlite3_(prepare|exec)' src | grep -v '^src/core/')
[ -z "$hits" ] || fail "SQL outside src/core:"$'\n'"$hits"

hits=$(grep -rnI 'Huyện ủy\|huyện ủy\|Huyện uỷ\|District Committee' src data)
[ -z "$hits" ] || fail "hard-coded committee level (it comes from the profile):"$'\n'"$hits"

hits=$(grep -rLE 'SPDX-License-Identifier' src --include='*.c' --include='*.h' --include='*.ui')
[ -z "$hits" ] || fail "files without an SPDX line:"$'\n'"$hits"

exit $status
