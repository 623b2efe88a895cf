/* memo.h — values kept by a description of what made them.
 *
 * A Memo maps byte strings (the whole description of a value: every input
 * that decides it) to values made once and kept, such as laid-out text.
 * It holds at most max_entries values and max_bytes of descriptions: when
 * a new value would pass either, the values not asked for since the memo
 * was last full are released, and if that frees too little, all are. So a
 * memo's memory stays bounded however long a run is, and what every
 * document asks for (a template's fixed words) stays. A value kept or made
 * again is the same: what is drawn never depends on what was kept. */
#ifndef FORMC_MEMO_H
#define FORMC_MEMO_H
#include <stddef.h>

typedef struct Memo Memo;

/* An empty memo; release(value) is called for each value it lets go. */
Memo *memo_new(size_t max_entries, size_t max_bytes, void (*release)(void *value));

/* The value kept for the len bytes of key, or NULL. */
void *memo_get(Memo *m, const void *key, size_t len);

/* Keeps value (not NULL) for key, which it must not hold yet; the memo
 * owns value from now on. */
void memo_put(Memo *m, const void *key, size_t len, void *value);

/* Releases every value kept. */
void memo_clear(Memo *m);

/* Releases every value and the memo itself (NULL: nothing). */
void memo_free(Memo *m);
#endif
