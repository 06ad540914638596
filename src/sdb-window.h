/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sdb-application.h"
#include "sdb-database.h"

G_BEGIN_DECLS

#define SDB_TYPE_WINDOW (sdb_window_get_type ())
G_DECLARE_FINAL_TYPE (SdbWindow, sdb_window, SDB, WINDOW, AdwApplicationWindow)

SdbWindow   *sdb_window_new           (SdbApplication *application);
void         sdb_window_set_database  (SdbWindow      *self,
                                       SdbDatabase    *database);
SdbDatabase *sdb_window_get_database  (SdbWindow      *self);
void         sdb_window_show_error    (SdbWindow      *self,
                                       const char     *path,
                                       const char     *message);

G_END_DECLS
