/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"

void
sdb_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

char *
sdb_fuzz_dup_text (const uint8_t *data,
                   size_t         size)
{
  return size > 0 ? g_strndup ((const char *) data, size) : g_strdup ("");
}

guint64
sdb_fuzz_take_u64 (const uint8_t *data,
                   size_t         size,
                   size_t        *pos)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++, (*pos)++)
    if (*pos < size)
      value |= (guint64) data[*pos] << (8 * i);
  return value;
}
