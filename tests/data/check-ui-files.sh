#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every .ui file is valid for GTK 4.8 / libadwaita 1.2 (needs a display: runs in the ui suite),
# and uses none of the widgets libadwaita added after 1.2.
set -u
cd "$1" || exit 2
status=0
newer='AdwToolbarView|AdwNavigationView|AdwNavigationPage|AdwNavigationSplitView|AdwOverlaySplitView|AdwDialog|AdwAlertDialog|AdwSwitchRow|AdwSpinRow|AdwBreakpoint|AdwBanner|AdwTabOverview|AdwButtonRow|AdwMultiLayoutView|AdwToggleGroup|AdwBottomSheet|AdwWrapBox|AdwSpinner|AdwPreferencesDialog|AdwAboutDialog'
for ui in $(find src -name '*.ui' | sort); do
  if grep -nE "$newer" "$ui"; then
    echo "ui files: $ui uses a widget newer than libadwaita 1.2"
    status=1
  fi
  # Templates need their class registered, which only the program does; check the rest.
  if ! grep -q '<template' "$ui"; then
    gtk4-builder-tool validate "$ui" || { echo "ui files: $ui is not valid"; status=1; }
  fi
done
exit $status
