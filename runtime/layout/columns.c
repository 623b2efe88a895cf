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
