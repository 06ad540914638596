/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-report: the year's review ("số liệu công tác xây dựng Đảng"), the text the office pastes
 * into its yearly report, written from the figures of sdb-stats and nothing else. */
#pragma once

#include <glib.h>

#include "sdb-stats.h"

G_BEGIN_DECLS

char *sdb_report_write (const SdbStats *stats);

G_END_DECLS
