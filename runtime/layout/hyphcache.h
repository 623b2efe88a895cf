/* hyphcache: a hyphenation dictionary's automaton kept between runs.
 *
 * Promises: building libhyphen's automaton from the English patterns
 * takes some 13 million instructions at every start (hyphdict.h). The
 * automaton built is kept in the user's cache folder, one file per
 * dictionary ("hyphenation/hyph_en_US.dic"), under the dictionary's path
 * and identity (device, inode, size, modification and change times), in a
 * compact binary form read back with one read and one pass: the states'
 * fallbacks, transitions and matches in arrays. The file is held to the
 * rules of every cache file (base/cachefile.h) and trusted only when its
 * checksum, format and dictionary are right and every index in it is in
 * bounds: each transition leads to a state of the automaton, every state
 * but the first is reached by exactly one, each fallback is a state nearer
 * the first, each match fits the letters that lead to it, and each string
 * ends where it says. So a damaged or hostile file can never make formc or
 * libhyphen read or write out of bounds or loop, and a cache that is
 * anything else than what was written is ignored: the automaton, and the
 * documents, are the same with it, without it and over a damaged one. */
#ifndef FORMC_HYPHCACHE_H
#define FORMC_HYPHCACHE_H
#include "base/arena.h"

#include <hyphen.h>
#include <stddef.h>

/* The cached automaton of the dictionary at path, its memory the empty
 * arena a's (arena_free frees it); NULL, a left empty, when there is no
 * cache of that file as it is now, or it is malformed. */
HyphenDict *hyphcache_read(const char *path, Arena *a);

/* Writes the cache of d, the automaton of the dictionary at path (its
 * levels through nextlevel), when it reads back whole; else nothing. */
void hyphcache_write(const char *path, const HyphenDict *d);

/* The automaton the body bytes [body, body + n) encode (what follows a
 * cache file's header), in a's memory; NULL when they are malformed in
 * any way (the checks above). */
HyphenDict *hyphcache_decode(const unsigned char *body, size_t n, Arena *a);

/* The body encoding d, malloc'd, its length in *n. */
unsigned char *hyphcache_encode(const HyphenDict *d, size_t *n);
#endif
