/* fontcache: the fontconfig patterns of formc's font files, kept between
 * runs.
 *
 * Promises: fontconfig describes a font file (its families, styles, the
 * characters it covers) by reading the whole file through FreeType, some
 * 40 million instructions for formc's fonts at every start. The
 * descriptions are kept in one file in the user's cache folder
 * ($XDG_CACHE_HOME/formc/fonts, else ~/.cache/formc/fonts), each under its
 * font file's path, device, inode, size, modification and change times,
 * with fontconfig's version and a checksum of the whole. The file is
 * trusted only when all of that still holds, it is a regular file of the
 * user's that no one else may write, and every pattern reads back whole;
 * otherwise it is ignored and the fonts are read as before. A pattern is
 * written only when it reads back equal to fontconfig's, so the fonts
 * formc uses, and its documents, are the same with the cache or without.
 * The file is held to the rules of every cache file (base/cachefile.h):
 * written atomically; a cache folder that cannot be written costs only the
 * time. */
#ifndef FORMC_FONTCACHE_H
#define FORMC_FONTCACHE_H
#include <fontconfig/fontconfig.h>
#include <stddef.h>

/* Appends to set the cached patterns of the n font files at paths, in
 * that order, and returns 0; or appends nothing and returns -1 when there
 * is no cache, or it does not hold exactly these files as they are now,
 * or anything in it is malformed. */
int fontcache_read(FcFontSet *set, const char *const *paths, size_t n);

/* Writes the cache for the n font files at paths, whose patterns are
 * pats[0 .. count[0]-1] for the first file, the next count[1] for the
 * second, and so on. Does nothing when a pattern would not read back
 * equal, or the cache folder cannot be written. */
void fontcache_write(FcPattern *const *pats, const int *count,
                     const char *const *paths, size_t n);

#endif
