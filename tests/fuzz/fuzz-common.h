/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the libFuzzer targets of tests/fuzz share. Each target asserts properties that must hold
 * for any input (g_assert: a failure aborts, and libFuzzer keeps the input as a crash file);
 * AddressSanitizer and UndefinedBehaviorSanitizer catch the rest. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* The entry points libFuzzer calls. */
int   LLVMFuzzerInitialize      (int            *argc,
                                 char         ***argv);
int   LLVMFuzzerTestOneInput    (const uint8_t  *data,
                                 size_t          size);

/* Makes GLib criticals and warnings fatal (a g_return_if_fail that fires is a bug the fuzzer
 * found), as G_DEBUG=fatal-criticals does for the unit tests. */
void  sdb_fuzz_init             (void);
/* The input as a C string: up to its first NUL byte, if any. */
char *sdb_fuzz_dup_text         (const uint8_t  *data,
                                 size_t          size);
/* Reads a little-endian integer from the input at *@pos, zeros past its end. */
guint64 sdb_fuzz_take_u64       (const uint8_t  *data,
                                 size_t          size,
                                 size_t         *pos);

G_END_DECLS
