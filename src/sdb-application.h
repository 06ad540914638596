/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SDB_TYPE_APPLICATION (sdb_application_get_type ())
G_DECLARE_FINAL_TYPE (SdbApplication, sdb_application, SDB, APPLICATION, AdwApplication)

SdbApplication *sdb_application_new              (void);
GtkWindow      *sdb_application_open_database    (SdbApplication *self,
                                                  const char     *path);

G_END_DECLS
