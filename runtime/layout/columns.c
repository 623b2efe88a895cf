/* columns: sharing a table's width; see columns.h. */
#include "layout/columns.h"

#include "base/arena.h"

#include <stdlib.h>

/* The widths of n columns whose minimums add up to more than total: the
 * columns of the widest minimums give way, down to one width they share,
 * and the others keep their minimums, so that only the widest words
 * break (a long scale name), never "Pre" or "not computable" beside it. */
static void columns_give_way(int n, const double *min, double total, double *out) {
    char *whole = xcalloc((size_t)n + 1, 1);
    double left = total;
    int rest = n;
    for (int changed = 1; changed && rest > 0;) {
        changed = 0;
        double level = left / rest;
        for (int c = 0; c < n; c++)
            if (!whole[c] && min[c] <= level) whole[c] = 1, left -= min[c], rest--, changed = 1;
    }
    for (int c = 0; c < n; c++) out[c] = whole[c] ? min[c] : left / rest;
    free(whole);
}

int columns_fit(int n, const double *min, const double *rel, double total, double *out) {
    double need = 0;
    for (int c = 0; c < n; c++) need += min[c];
    if (need > total) {
        columns_give_way(n, min, total, out);
        return -1;
    }
    /* columns held at their minimum; the others share what is left by rel,
     * until none of them falls below its own minimum */
    char *held = xcalloc((size_t)n + 1, 1);
    for (;;) {
        double left = total, share = 0;
        for (int c = 0; c < n; c++) {
            if (held[c]) left -= min[c];
            else share += rel[c];
        }
        int changed = 0;
        for (int c = 0; c < n; c++) {
            out[c] = held[c] ? min[c] : share > 0 ? left * rel[c] / share : 0;
            if (!held[c] && out[c] < min[c]) held[c] = 1, changed = 1;
        }
        if (!changed) break;
    }
    free(held);
    return 0;
}

static double clamp(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Narrows the short columns of out (prose[c] 0) until they add up to
 * *used <= budget or none can give more: the widest first (the first of
 * equals, or all of them together when `together`, each in proportion to
 * what it can give), down to lo[c], then the next widest. */
static void narrow_widest(int n, const int *prose, const double *lo, double budget,
                          int together, double *used, double *out) {
    char *done = xcalloc((size_t)n + 1, 1);
    while (*used > budget + 1e-9) {
        double widest = -1;
        int first = -1;
        for (int c = 0; c < n; c++)
            if (!prose[c] && !done[c] && out[c] > widest) widest = out[c], first = c;
        if (first < 0) break;
        double room = 0;
        for (int c = 0; c < n; c++)
            if (c == first || (together && !prose[c] && !done[c] && out[c] >= widest - 0.5))
                room += out[c] - lo[c];
        double cut = room < *used - budget ? room : *used - budget;
        for (int c = 0; c < n; c++)
            if (c == first || (together && !prose[c] && !done[c] && out[c] >= widest - 0.5)) {
                if (room > 0) out[c] -= cut * (out[c] - lo[c]) / room;
                done[c] = 1;
            }
        *used -= cut;
    }
    free(done);
}

/* The columns of short cells (prose[c] 0) within budget: each at its
 * natural width when they fit; otherwise the widest gives way first, down
 * to the width that holds its cells on two lines (two_lines[c], or
 * COLUMNS_TWO_LINES of its natural width when not given), then the next widest, so that a scale's name takes two
 * lines where it can, not three; only when that is not enough do they go
 * down, the widest first, to their minimums. */
static void narrow_short_columns(int n, const double *min, const double *natural,
                                 const double *two_lines, const int *prose, double budget,
                                 int together, double *out) {
    double *two = xcalloc((size_t)n + 1, sizeof *two);
    double used = 0;
    for (int c = 0; c < n; c++) {
        if (prose[c]) continue;
        used += out[c] = natural[c] > min[c] ? natural[c] : min[c];
        two[c] = clamp(two_lines ? two_lines[c] : COLUMNS_TWO_LINES * natural[c], min[c], out[c]);
    }
    narrow_widest(n, prose, two, budget, together, &used, out);
    narrow_widest(n, prose, min, budget, together, &used, out);
    free(two);
}

int columns_plan(int n, const double *min, const double *natural, const double *two_lines,
                 const int *prose, const double *rel, double total, int together, double *out) {
    double need = 0, all_rel = 0;
    int nprose = 0;
    for (int c = 0; c < n; c++) {
        need += min[c];
        all_rel += rel[c];
        nprose += prose[c] != 0;
    }
    if (need > total) return columns_fit(n, min, rel, total, out);
    /* a prose column's floor: its minimum, or half its share by rel */
    double *floor = xcalloc((size_t)n + 1, sizeof *floor);
    double prose_floor = 0, short_want = 0;
    for (int c = 0; c < n; c++) {
        double want = natural[c] > min[c] ? natural[c] : min[c];
        floor[c] = prose[c] ? clamp(COLUMNS_PROSE_FLOOR * total * rel[c] / all_rel, min[c], total) : want;
        if (prose[c]) prose_floor += floor[c];
        else short_want += want;
    }
    int rc;
    if (prose_floor + short_want > total) {
        /* the short columns give way, the widest first, to the prose's floor */
        double budget = total - prose_floor;
        double short_min = 0;
        for (int c = 0; c < n; c++)
            if (!prose[c]) short_min += min[c];
        if (budget < short_min) {            /* the prose gives way too */
            free(floor);
            return columns_fit(n, min, rel, total, out);
        }
        narrow_short_columns(n, min, natural, two_lines, prose, budget, together, out);
        for (int c = 0; c < n; c++)
            if (prose[c]) out[c] = floor[c];
        rc = 0;
    } else if (nprose == 0) {
        /* every cell fits on its line: the width is shared by rel */
        rc = columns_fit(n, floor, rel, total, out);
    } else {
        /* the short columns at their natural width; the prose shares the rest */
        double left = total - short_want;
        double *pmin = xcalloc((size_t)nprose + 1, sizeof *pmin);
        double *prel = xcalloc((size_t)nprose + 1, sizeof *prel);
        double *pout = xcalloc((size_t)nprose + 1, sizeof *pout);
        int k = 0;
        for (int c = 0; c < n; c++)
            if (prose[c]) pmin[k] = floor[c], prel[k++] = rel[c];
        rc = columns_fit(nprose, pmin, prel, left, pout);
        k = 0;
        for (int c = 0; c < n; c++) out[c] = prose[c] ? pout[k++] : floor[c];
        free(pmin);
        free(prel);
        free(pout);
    }
    free(floor);
    return rc;
}
