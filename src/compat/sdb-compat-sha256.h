/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SHA-256 through Nettle, which uses the processor's SHA instructions where there are some
 * (about four times GLib's GChecksum on the machines here; the change history hashes every
 * entry). Nettle 3.10 dropped the length argument of its digest functions: Debian 12 has 3.8,
 * the GNOME runtime a newer one. */
#pragma once

#include <nettle/sha2.h>
#include <nettle/version.h>

#if NETTLE_VERSION_MAJOR > 3 || (NETTLE_VERSION_MAJOR == 3 && NETTLE_VERSION_MINOR >= 10)
#define sdb_compat_sha256_digest(ctx, digest) sha256_digest ((ctx), (digest))
#else
#define sdb_compat_sha256_digest(ctx, digest) sha256_digest ((ctx), SHA256_DIGEST_SIZE, (digest))
#endif
