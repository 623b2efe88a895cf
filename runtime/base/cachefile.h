/* cachefile: what formc keeps between runs in the user's cache folder
 * ($XDG_CACHE_HOME/formc, else ~/.cache/formc), and the rules every such
 * file is held to.
 *
 * Promises: a cache file is read only when it is a regular file of the
 * user's that no one else may write, no larger than its reader allows, and
 * opened without following a link or waiting (a named pipe put in its
 * place is refused, never read); otherwise it is as if it were missing. It
 * is written atomically (base/outfile.h: a private temporary file renamed
 * into place), its folders made private (0700) where missing, and only
 * over a file formc could have written (a regular file of the user's, mode
 * 0600): a link, a pipe or another's file there is left alone. A cache
 * that cannot be written costs only the time, and nothing is said. What a file
 * holds, and whether it is stale or malformed, is its reader's to check:
 * cachefile_identity and checksum_of (base/checksum.h) are the two checks every
 * reader makes (the file a cache was made from is still the same; the
 * cache's bytes are those written). */
#ifndef FORMC_CACHEFILE_H
#define FORMC_CACHEFILE_H
#include <stddef.h>
#include <stdint.h>
#include "base/checksum.h"

/* The path of the cache file name (which may hold a '/': "images/abc") in
 * out: "$XDG_CACHE_HOME/formc/NAME" when that variable is an absolute
 * path, else "$HOME/.cache/formc/NAME". 0, or -1 when neither is set or
 * the path does not fit. */
int cachefile_path(const char *name, char *out, size_t outlen);

/* The cache file name's bytes, malloc'd, with a NUL after the *len of
 * them; NULL when it is missing, empty, larger than max_bytes, or not a
 * regular file of this user's that only they may write. */
char *cachefile_read(const char *name, size_t max_bytes, size_t *len);

/* Writes len bytes as the cache file name, atomically; nothing when it
 * cannot, or when what is there is not a file formc could have written. */
void cachefile_write(const char *name, const void *data, size_t len);

/* The identity of the file at path as it is now, in out: "DEV INO SIZE
 * MTIME_S MTIME_NS CTIME_S CTIME_NS" (any change to the file changes its
 * change time). 0, or -1 when it cannot be stat'ed or does not fit. */
int cachefile_identity(const char *path, char *out, size_t outlen);
#endif
