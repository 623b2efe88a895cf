/* jargon.c — plain language in the patient's letter: warns where the
 * clinician's letter text uses a term from templates/jargon.txt (and the
 * clinic's own jargon.txt), at the term's place in the file. */
#include <ctype.h>
#include <string.h>
#include "front/checker.h"
#include "base/diag.h"

/* Whether term occurs in text as a whole word (ASCII case ignored);
 * returns its byte offset in text or -1. */
static long find_word(const char *text, size_t len, const char *term, size_t tlen) {
    for (size_t i = 0; i + tlen <= len; i++) {
        if (strncasecmp(text + i, term, tlen)) continue;
        bool left = i == 0 || !isalnum((unsigned char)text[i - 1]);
        bool right = i + tlen == len || !isalnum((unsigned char)text[i + tlen]);
        if (left && right) return (long)i;
    }
    return -1;
}

/* Checks one letter text against the terms of one list file, the first
 * JARGON_MAX_TERMS of them; returns whether the list has more. */
static bool check_text(const Text *t, const Source *list) {
    const char *p = list->text, *end = list->text + list->len;
    int terms = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        const char *a = p, *b = line_end;
        while (a < b && isspace((unsigned char)*a)) a++;
        while (b > a && isspace((unsigned char)b[-1])) b--;
        if (a < b && *a != '#') {
            if (terms++ == JARGON_MAX_TERMS) return true;
            size_t tlen = (size_t)(b - a);
            /* search the source span so the warning points at the word itself */
            const char *src = t->loc.src->text + t->loc.off;
            long at = find_word(src, t->loc.len, a, tlen);
            if (at >= 0) {
                Loc loc = { t->loc.src, t->loc.off + (uint32_t)at, (uint32_t)tlen };
                diag_at(DIAG_WARNING, loc, "'%.*s' is a clinical term: the letter is for the patient, "
                        "so say it in everyday words", (int)tlen, src + at);
            }
        }
        p = line_end + 1;
    }
    return false;
}

void ck_jargon(Checker *c) {
    const Formulation *f = &c->m->f;
    const Text *texts[2 + PHASE_COUNT] = { &f->letter.pattern, &f->letter.in_group };
    for (int p = 0; p < PHASE_COUNT; p++) texts[2 + p] = &f->letter.phases[p];
    const char *lists[2];
    int n = 0;
    if (c->datadir) lists[n++] = arena_printf(c->a, "%s/jargon.txt", c->datadir);
    const Clinic *cl = &c->m->clinic;
    if (cl->templates.s)
        lists[n++] = arena_printf(c->a, "%s/jargon.txt", path_join(c->a, cl->templates.loc.src->dir, cl->templates.s));
    for (int k = 0; k < n; k++) {
        char err[128];
        Source *list = source_load(c->a, lists[k], err, sizeof err);
        if (!list) continue;               /* a clinic need not have a list */
        bool cut = false;
        for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
            if (texts[i]->s && texts[i]->loc.src) cut |= check_text(texts[i], list);
        if (cut)   /* each term is sought through every text: the work is bounded */
            diag_file(DIAG_WARNING, list->path, "only the first %d terms of a list of clinical terms are used",
                      JARGON_MAX_TERMS);
    }
}
