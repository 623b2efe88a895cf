/* hyphdict: a hyphenation dictionary read into libhyphen's automaton.
 *
 * libhyphen's own loader finds each pattern's prefixes and each state's
 * fallback through a hash table of strings: 38 million instructions for
 * the English patterns, the largest part of starting formc. hyphdict_load
 * builds the same automaton (hyphen.h's HyphenDict: one state for every
 * prefix of a pattern, its digits, its transitions, and as its fallback
 * the state of its longest proper suffix) as a trie, breadth first, from
 * the file read at once, with the same two levels (a first level of
 * compound boundaries, NEXTLEVEL or libhyphen's default one) and the same
 * reading of every line libhyphen reads. A dictionary with what it does not
 * read itself (non-standard hyphenation with '/', NOHYPHEN, a line
 * libhyphen would read in pieces) is handed to libhyphen's loader.
 * libhyphen's functions hyphenate with the result. */
#ifndef FORMC_HYPHDICT_H
#define FORMC_HYPHDICT_H
#include "base/arena.h"

#include <hyphen.h>

/* The dictionary in the file at path, or NULL when it cannot be read. Its
 * memory is a's (arena_free frees it), but when libhyphen's loader read it:
 * then a is left empty and hnj_hyphen_free frees it. */
HyphenDict *hyphdict_load(const char *path, Arena *a);
#endif
