/* columns: sharing a table's width; see columns.h. */
#include "layout/columns.h"

#include "base/arena.h"

#include <stdlib.h>

int columns_fit(int n, const double *min, const double *rel, double total, double *out) {
    double need = 0;
    for (int c = 0; c < n; c++) need += min[c];
    if (need > total) {
        for (int c = 0; c < n; c++) out[c] = need > 0 ? total * min[c] / need : total / n;
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

/* The columns of short cells (prose[c] 0) within budget: each at its
 * natural width, except the widest, narrowed first (down to its minimum,
 * then the next widest), so that as few columns as can be wrap. */
static void narrow_short_columns(int n, const double *min, const double *natural, const int *prose,
                                 double budget, double *out) {
    double used = 0;
    for (int c = 0; c < n; c++)
        if (!prose[c]) used += out[c] = natural[c] > min[c] ? natural[c] : min[c];
    char *done = xcalloc((size_t)n + 1, 1);
    while (used > budget) {
        int widest = -1;
        for (int c = 0; c < n; c++)
            if (!prose[c] && !done[c] && (widest < 0 || out[c] > out[widest])) widest = c;
        if (widest < 0) break;
        double cut = out[widest] - min[widest];
        if (cut > used - budget) cut = used - budget;
        out[widest] -= cut;
        used -= cut;
        done[widest] = 1;
    }
    free(done);
}

int columns_plan(int n, const double *min, const double *natural, const int *prose,
                 const double *rel, double total, double *out) {
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
        narrow_short_columns(n, min, natural, prose, budget, out);
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
