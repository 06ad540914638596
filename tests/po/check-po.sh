#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# vi.po compiles, translates every string of the current sources (none untranslated, none fuzzy),
# and POTFILES.in lists every file that has translatable text.
set -u
cd "$1" || exit 2
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

missing=$(grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)\(|translatable="yes"' src data \
            | grep -vxFf <(grep -v '^#' po/POTFILES.in) | sort)
[ -z "$missing" ] || { echo "po: files with translatable strings missing from po/POTFILES.in:"; echo "$missing"; status=1; }

for f in $(grep -v '^#' po/POTFILES.in); do
  [ -f "$f" ] || { echo "po: POTFILES.in lists $f, which does not exist"; status=1; }
done

msgfmt --check --check-format -o /dev/null po/vi.po || { echo "po: vi.po does not compile"; status=1; }

xgettext --from-code=UTF-8 --add-comments=Translators -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 \
  -kngettext:1,2 -kg_dngettext:2,3 -f po/POTFILES.in -D . -o "$tmp/x.pot" || exit 1
msgmerge -q --no-fuzzy-matching po/vi.po "$tmp/x.pot" -o "$tmp/vi.po"
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/vi.po" 2>&1)
echo "po: vi.po against the current sources: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po: translate these:"
    msgattrib --untranslated --no-obsolete "$tmp/vi.po" | grep -A1 '^msgid' | head -40
    msgattrib --only-fuzzy --no-obsolete "$tmp/vi.po" | grep -A1 '^msgid' | head -40
    status=1;;
esac
exit $status
