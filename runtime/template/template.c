/* template.c — the template engine: a document's fixed wording, with
 * placeholders, conditionals and loops, expanded with a tree of data into
 * typed blocks of styled runs that the documents lay out (template.h gives
 * the promises, docs/templates.md the syntax).
 *
 * The stage works in passes, one file each (engine.h is what they share):
 *   load.c    finds NAME.LANG.tmpl among directories and reads it
 *   parse.c   text -> a tree of nodes; syntax is checked here
 *   expand.c  the tree walked with the data (value.c); names are checked
 *             here, in every branch
 *   build.c   wording and values, line by line -> blocks of runs; line
 *             markers and styles count in wording only, so a value can
 *             never change the document's structure
 * Dates in words are the caller's, from runtime/base/date.h.
 * This file holds what they share: reporting problems, and the small
 * helpers that read the result.
 *
 * May touch: runtime/base only; the file system only in load.c. Nothing
 * here knows formulations, scores or the layout of a page.
 */
#include "template/engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"

/* ---- Problems --------------------------------------------------------- */

void tmpl_problem(Reporter *r, Loc at, const char *fmt, ...) {
    if (r->errors++ >= MAX_ERRORS) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, diag_tr(fmt), ap);
    va_end(ap);
    diag_at(DIAG_ERROR, at, "%s", msg);
}

/* ---- Templates and documents ------------------------------------------ */

const char *template_path(const Template *t) { return t->src->path; }

void template_free(Template *t) {
    if (!t) return;
    arena_free(&t->arena);
    free(t);
}

/* Adds to *out the paths of the whole @logo lines of the wording in nodes
 * n and the nodes after it, and in the blocks they hold. */
static void logo_lines(Template *t, const Node *n, const char ***out, int *count, int *cap) {
    const char *text = t->src->text;
    for (; n; n = n->next) {
        logo_lines(t, n->body, out, count, cap);
        logo_lines(t, n->alt, out, count, cap);
        if (n->kind != N_TEXT) continue;
        size_t end = n->off + n->len;
        for (size_t i = n->off; i < end;) {
            const char *nl = memchr(text + i, '\n', end - i);
            size_t eol = nl ? (size_t)(nl - text) : end;
            /* a whole line: it starts a line and ends before the next tag */
            bool whole = (i == 0 || text[i - 1] == '\n') && (nl || end == t->src->len);
            size_t j = i;
            while (j < eol && (text[j] == ' ' || text[j] == '\t')) j++;
            if (whole && eol - j > 6 && !memcmp(text + j, "@logo", 5) &&
                (text[j + 5] == ' ' || text[j + 5] == '\t')) {
                size_t a = j + 6, z = eol;
                while (a < z && (text[a] == ' ' || text[a] == '\t')) a++;
                while (z > a && (text[z - 1] == ' ' || text[z - 1] == '\t' || text[z - 1] == '\r')) z--;
                if (z > a)
                    *(const char **)arena_push(&t->arena, out, count, cap, sizeof **out) =
                        arena_strndup(&t->arena, text + a, z - a);
            }
            i = eol + 1;
        }
    }
}

const char **template_images(Template *t) {
    const char **out = NULL;
    int count = 0, cap = 0;
    logo_lines(t, t->root, &out, &count, &cap);
    *(const char **)arena_push(&t->arena, &out, &count, &cap, sizeof *out) = NULL;
    return out;
}

void template_doc_free(TemplateDoc *doc) {
    if (!doc) return;
    for (int i = 0; i < doc->nblocks; i++) free(doc->blocks[i].runs);
    arena_free(&doc->arena);
    free(doc);
}

void template_block_done(TemplateDoc *doc, int i) {
    if (i < 0 || i >= doc->nblocks) return;
    free(doc->blocks[i].runs);
    doc->blocks[i].runs = NULL;
    doc->blocks[i].nruns = 0;
}

int template_row(const TemplateBlock *b, int *pos, TemplateCell *cells,
                 int max) {
    int i = *pos;
    if (i >= b->nruns) return 0;
    int n = 0, first = i;
    for (;; i++) {
        int end = i >= b->nruns || !strcmp(b->runs[i].text, "\n");
        if (end || (b->runs[i].style & TS_SEP)) {
            if (n < max) cells[n] = (TemplateCell){first, i - first};
            n++;
            first = i + 1;
        }
        if (end) break;
    }
    *pos = i < b->nruns ? i + 1 : i;
    return n;
}

char *template_cell_text(const TemplateBlock *b, TemplateCell c) {
    size_t len = 0;
    for (int i = c.first; i < c.first + c.n; i++) len += strlen(b->runs[i].text);
    char *s = xmalloc(len + 1), *p = s;
    for (int i = c.first; i < c.first + c.n; i++) {
        size_t k = strlen(b->runs[i].text);
        memcpy(p, b->runs[i].text, k);
        p += k;
    }
    *p = 0;
    return s;
}

const char *template_block_kind_name(TemplateBlockKind k) {
    static const char *const names[] = {"paragraph", "heading", "item",
                                        "letterhead", "logo", "date",
                                        "signature", "insert", "table",
                                        "small", "alt"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}
