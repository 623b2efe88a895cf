/* diff.c — an edit shown as a unified diff (import_diff; import.h): the
 * lines of the old and the new text compared by Myers' algorithm
 * (E. W. Myers, An O(ND) difference algorithm and its variations,
 * Algorithmica 1, 1986), in hunks with three lines of context, as
 * `diff -u` writes them, so `patch -p0` could apply them. */
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "import/import.h"

#define CONTEXT 3

typedef struct Line { const char *s; size_t n; bool newline; } Line;
typedef enum { SAME, GONE, ADDED } OpKind;
typedef struct Op { OpKind kind; int a, b; } Op;   /* line a of the old, b of the new */

static Line *lines_of(const char *t, size_t len, int *count) {
    int n = 0;
    for (size_t i = 0; i < len; i++) n += t[i] == '\n';
    if (len && t[len - 1] != '\n') n++;
    Line *l = xmalloc(sizeof *l * (size_t)(n + 1));
    int k = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len;
        l[k++] = (Line){ t + i, e - i, nl != NULL };
        i = e + 1;
    }
    *count = n;
    return l;
}

static bool same(const Line *x, const Line *y) {
    return x->n == y->n && x->newline == y->newline && !memcmp(x->s, y->s, x->n);
}

/* The shortest edit script from a (n lines) to b (m lines), in order. */
static Op *script(const Line *a, int n, const Line *b, int m, int *nops) {
    int max = n + m, off = max + 1;
    int **trace = xmalloc(sizeof *trace * (size_t)(max + 1));
    int *v = xmalloc(sizeof *v * (size_t)(2 * max + 3));
    memset(v, 0, sizeof *v * (size_t)(2 * max + 3));
    int d = 0;
    for (;; d++) {
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && same(&a[x], &b[y])) x++, y++;
            v[off + k] = x;
        }
        trace[d] = xmalloc(sizeof *v * (size_t)(2 * max + 3));
        memcpy(trace[d], v, sizeof *v * (size_t)(2 * max + 3));
        bool done = false;
        for (int k = -d; k <= d && !done; k += 2) done = v[off + k] >= n && v[off + k] - k >= m;
        if (done) break;
    }
    Op *ops = xmalloc(sizeof *ops * (size_t)(n + m + 1));
    int count = 0, x = n, y = m;
    for (int e = d; e >= 0; e--) {
        /* the step that reached (x, y), read from where the paths stood before it */
        int k = x - y, pk = 0, px = 0, py = 0;
        if (e > 0) {
            const int *w = trace[e - 1];
            pk = (k == -e || (k != e && w[off + k - 1] < w[off + k + 1])) ? k + 1 : k - 1;
            px = w[off + pk];
            py = px - pk;
        }
        while (x > px && y > py) x--, y--, ops[count++] = (Op){ SAME, x, y };
        if (e > 0) {
            if (x == px) ops[count++] = (Op){ ADDED, x, --y };
            else ops[count++] = (Op){ GONE, --x, y };
        }
    }
    for (int e = 0; e <= d; e++) free(trace[e]);
    free(trace);
    free(v);
    for (int i = 0; i < count / 2; i++) {
        Op t = ops[i];
        ops[i] = ops[count - 1 - i];
        ops[count - 1 - i] = t;
    }
    *nops = count;
    return ops;
}

static void put_line(FILE *out, char mark, const Line *l) {
    fputc(mark, out);
    fwrite(l->s, 1, l->n, out);
    fputs(l->newline ? "\n" : "\n\\ No newline at end of file\n", out);
}

void import_diff(FILE *out, const ImportMember *m) {
    int n, k, nops;
    Line *a = lines_of(m->src->text, m->src->len, &n);
    Line *b = lines_of(m->text, m->len, &k);
    Op *ops = script(a, n, b, k, &nops);
    fprintf(out, "--- %s\n+++ %s\n", m->path, m->path);
    for (int i = 0; i < nops;) {
        if (ops[i].kind == SAME) { i++; continue; }
        /* a hunk: from CONTEXT lines before this change to CONTEXT after
         * the last change that is no further than 2 * CONTEXT from the next */
        int start = i;
        while (start > 0 && i - start < CONTEXT && ops[start - 1].kind == SAME) start--;
        int end = i, same_run = 0;
        for (int j = i; j < nops; j++) {
            if (ops[j].kind != SAME) { end = j + 1; same_run = 0; continue; }
            if (++same_run > 2 * CONTEXT) break;
        }
        int stop = end;
        while (stop < nops && stop - end < CONTEXT && ops[stop].kind == SAME) stop++;
        int olines = 0, nlines = 0;
        for (int j = start; j < stop; j++) {
            olines += ops[j].kind != ADDED;
            nlines += ops[j].kind != GONE;
        }
        int ostart = ops[start].a + (olines ? 1 : 0), nstart = ops[start].b + (nlines ? 1 : 0);
        fprintf(out, "@@ -%d,%d +%d,%d @@\n", ostart, olines, nstart, nlines);
        for (int j = start; j < stop; j++) {
            if (ops[j].kind == SAME) put_line(out, ' ', &a[ops[j].a]);
            else if (ops[j].kind == GONE) put_line(out, '-', &a[ops[j].a]);
            else put_line(out, '+', &b[ops[j].b]);
        }
        i = stop;
    }
    free(ops);
    free(a);
    free(b);
}
