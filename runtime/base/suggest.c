/* suggest.c — edit distance and "did you mean". */
#include "base/suggest.h"
#include <ctype.h>
#include <string.h>

enum { MAX_WORD = 64 };

int edit_distance(const char *a, const char *b, int limit) {
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX_WORD || m > MAX_WORD) return limit + 1;
    if ((int)(n > m ? n - m : m - n) > limit) return limit + 1;
    /* three rows of the dynamic-programming table */
    int rows[3][MAX_WORD + 1];
    int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (int)i;
        int row_min = cur[0];
        for (size_t j = 1; j <= m; j++) {
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            if (prev[j - 1] + cost < best) best = prev[j - 1] + cost;
            if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
            if (best < row_min) row_min = best;
        }
        if (row_min > limit) return limit + 1;
        int *t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[m] > limit ? limit + 1 : prev[m];
}

static int allowed(const char *word) {
    size_t n = strlen(word);
    return n <= 4 ? 1 : n <= 8 ? 2 : 3;
}

void suggest_init(Suggest *s, const char *word) {
    s->word = word;
    s->best = NULL;
    s->best_dist = allowed(word) + 1;
}

void suggest_offer(Suggest *s, const char *candidate) {
    if (strcmp(candidate, "*") == 0 || strcmp(candidate, s->word) == 0) return;
    int d = edit_distance(s->word, candidate, s->best_dist - 1);
    if (d < s->best_dist) {
        s->best_dist = d;
        s->best = candidate;
    }
}

const char *suggest_result(const Suggest *s) { return s->best; }
