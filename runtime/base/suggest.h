/* suggest.h — "did you mean" suggestions by edit distance. */
#ifndef FORMC_SUGGEST_H
#define FORMC_SUGGEST_H
#include <stddef.h>

/* Damerau-Levenshtein distance (adjacent transpositions cost 1) between a
 * and b, ignoring ASCII case; stops early and returns limit+1 once the
 * distance must exceed limit. */
int edit_distance(const char *a, const char *b, int limit);

/* A running search for the closest candidate to a misspelt word. */
typedef struct Suggest { const char *word; const char *best; int best_dist; } Suggest;
void suggest_init(Suggest *s, const char *word);
void suggest_offer(Suggest *s, const char *candidate);
/* The best candidate close enough to be a plausible typo, or NULL:
 * at most 1 edit for words up to 4 letters, 2 up to 8, else 3. */
const char *suggest_result(const Suggest *s);

#endif
