#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest parses, builds this app from this tree, and keeps its sandbox tight."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    manifest = json.load(f)

problems = []
if manifest.get("id") != "io.github.sodangbo.SoDangBo":
    problems.append("id must be io.github.sodangbo.SoDangBo")
if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
    problems.append("runtime/sdk must be the GNOME runtime")
if manifest.get("command") != "sodangbo":
    problems.append("command must be sodangbo")
args = manifest.get("finish-args", [])
for forbidden in ("--filesystem=home", "--filesystem=host", "--share=network"):
    if forbidden in args:
        problems.append("the sandbox must not get " + forbidden)
app = manifest["modules"][-1]
if app.get("name") != "sodangbo" or app.get("buildsystem") != "meson":
    problems.append("the last module must build sodangbo with meson")
if not any(s.get("type") == "dir" and s.get("path") == ".." for s in app.get("sources", [])):
    problems.append("the app module must build this source tree (type dir, path ..)")

for p in problems:
    print("flatpak manifest:", p)
sys.exit(1 if problems else 0)
