/* jargon.c — plain language in the patient's letter: warns where the
 * clinician's letter text uses a term from templates/jargon.txt (and the
 * clinic's own jargon.txt), at the term's place in the file. */
#include <ctype.h>
#include <glib.h>
#include <string.h>
#include "front/checker.h"
#include "base/diag.h"

/* A list of clinical terms, read once: each term (its first
 * JARGON_MAX_TERMS, of at most JARGON_MAX_TERM_BYTES) in a hashed set, in
 * ASCII lower case, with its place in the list. A text is then read once,
 * each place a word starts looked up for the terms that could start there
 * and end at a word's end, so the work grows with the text, not with text
 * times terms (5000 long terms took 156 s). */
typedef struct TermList {
    GHashTable *terms;           /* lower-case term -> its index + 1 */
    int n;                       /* terms kept */
    bool more;                   /* the list has more than JARGON_MAX_TERMS */
    int too_long;                /* terms left out for their length */
    bool first[256];             /* the bytes a term starts with */
    bool length[JARGON_MAX_TERM_BYTES + 1];   /* the lengths of the terms */
} TermList;

static void read_terms(TermList *tl, const Source *list) {
    tl->terms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const char *p = list->text, *end = list->text + list->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        const char *a = p, *b = line_end;
        while (a < b && isspace((unsigned char)*a)) a++;
        while (b > a && isspace((unsigned char)b[-1])) b--;
        p = line_end + 1;
        if (a == b || *a == '#') continue;
        if (tl->n == JARGON_MAX_TERMS) {
            tl->more = true;
            break;
        }
        size_t len = (size_t)(b - a);
        if (len > JARGON_MAX_TERM_BYTES) {
            tl->too_long++;
            continue;
        }
        char *key = g_ascii_strdown(a, (gssize)len);
        if (g_hash_table_contains(tl->terms, key)) {
            g_free(key);
            continue;
        }
        g_hash_table_insert(tl->terms, key, GINT_TO_POINTER(++tl->n));
        tl->first[(unsigned char)key[0]] = true;
        tl->length[len] = true;
    }
}

/* Warns at the first place in t of each term of tl, in the list's order. */
static void check_text(const Text *t, const TermList *tl, Arena *a) {
    const char *src = t->loc.src->text + t->loc.off;     /* the source, so the warning points at the word */
    size_t len = t->loc.len;
    long *at = arena_alloc(a, sizeof *at * (size_t)(tl->n + 1));
    for (int k = 0; k <= tl->n; k++) at[k] = -1;
    char buf[JARGON_MAX_TERM_BYTES + 1];
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && isalnum((unsigned char)src[i - 1])) continue;      /* not a word's start */
        if (!tl->first[(unsigned char)g_ascii_tolower(src[i])]) continue;
        size_t most = len - i < JARGON_MAX_TERM_BYTES ? len - i : JARGON_MAX_TERM_BYTES;
        for (size_t n = 1; n <= most; n++) {
            buf[n - 1] = g_ascii_tolower(src[i + n - 1]);
            if (!tl->length[n] || (i + n < len && isalnum((unsigned char)src[i + n]))) continue;
            buf[n] = '\0';
            int k = GPOINTER_TO_INT(g_hash_table_lookup(tl->terms, buf));
            if (k && at[k] < 0) at[k] = (long)i;
        }
    }
    GHashTableIter it;
    gpointer key, value;
    const char **by_index = arena_alloc(a, sizeof *by_index * (size_t)(tl->n + 1));
    g_hash_table_iter_init(&it, tl->terms);
    while (g_hash_table_iter_next(&it, &key, &value)) by_index[GPOINTER_TO_INT(value)] = key;
    for (int k = 1; k <= tl->n; k++) {
        if (at[k] < 0) continue;
        uint32_t n = (uint32_t)strlen(by_index[k]);
        Loc loc = { t->loc.src, t->loc.off + (uint32_t)at[k], n };
        diag_at(DIAG_WARNING, loc, "'%.*s' is a clinical term: the letter is for the patient, "
                "so say it in everyday words", (int)n, src + at[k]);
    }
}

void ck_jargon(Checker *c) {
    const Formulation *f = &c->m->f;
    const Text *texts[LETTER_TEXTS];
    letter_texts(f, texts);
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
        TermList tl = { 0 };
        read_terms(&tl, list);
        for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
            if (texts[i]->s && texts[i]->loc.src) check_text(texts[i], &tl, c->a);
        if (tl.more)   /* the list bounds the memory it takes */
            diag_file(DIAG_WARNING, list->path, "only the first %d terms of a list of clinical terms are used",
                      JARGON_MAX_TERMS);
        if (tl.too_long)
            diag_file(DIAG_WARNING, list->path, "%d term%s longer than %d bytes %s left out of the list of "
                      "clinical terms", tl.too_long, tl.too_long == 1 ? "" : "s", JARGON_MAX_TERM_BYTES,
                      diag_tr(tl.too_long == 1 ? "is" : "are"));
        g_hash_table_destroy(tl.terms);
    }
}
