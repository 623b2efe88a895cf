/* gaps.c — gaps in the instrument library, said once; see gaps.h. */
#include "score/gaps.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"

void gaps_add_lines(Gaps *g, Arena *a, const char *data, size_t len) {
    const char *end = data + len;
    while (data < end) {
        const char *nl = memchr(data, '\n', (size_t)(end - data));
        if (!nl) nl = end;
        if (nl > data) {
            int i = 0;
            while (i < g->n && (strlen(g->lines[i]) != (size_t)(nl - data) ||
                                strncmp(g->lines[i], data, (size_t)(nl - data))))
                i++;
            if (i == g->n)
                *(const char **)arena_push(a, &g->lines, &g->n, &g->cap, sizeof *g->lines) =
                    arena_strndup(a, data, (size_t)(nl - data));
        }
        data = nl + 1;
    }
}

void gaps_add(Gaps *g, Arena *a, const Scored *sc) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = xmemstream(&text, &len);
    scored_list_gaps(sc, f);
    fclose(f);
    gaps_add_lines(g, a, text, len);
    free(text);
}

void gaps_note(const Gaps *g, const char *who) {
    /* whole sentences, one per kind and number, so each has its French */
    static const char *const says[][2] = {
        [GAP_RELIABILITY] = {
            "%s has no reliability in the instrument library: %s cannot compute reliable change on it "
            "(an instrument file given with --instruments can add the figure)",
            "%s have no reliability in the instrument library: %s cannot compute reliable change on them "
            "(an instrument file given with --instruments can add the figures)" },
        [GAP_NORM] = {
            "%s has no published norm in the library: %s cannot compute reliable change on it "
            "(an instrument file given with --instruments can add the figure)",
            "%s have no published norm in the library: %s cannot compute reliable change on them "
            "(an instrument file given with --instruments can add the figures)" },
    };
    for (int kind = GAP_RELIABILITY; kind <= GAP_NORM; kind++) {
        const char *names[g->n + 1];
        int n = 0;
        for (int i = 0; i < g->n; i++) {
            char *rest;
            if (strtol(g->lines[i], &rest, 10) == kind && *rest == ' ') names[n++] = rest + 1;
        }
        if (!n) continue;
        char *list = NULL;
        size_t len = 0;
        FILE *f = xmemstream(&list, &len);
        for (int i = 0; i < n; i++)
            fprintf(f, "%s%s", i == 0 ? "" : i == n - 1 ? diag_tr(" and ") : ", ", names[i]);
        fclose(f);
        diag_file(DIAG_NOTE, NULL, says[kind][n > 1], list, diag_tr(who));
        free(list);
    }
}
